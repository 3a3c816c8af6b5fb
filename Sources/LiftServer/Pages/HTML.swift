/// A piece of HTML whose interpolated values are escaped by construction: a `String` written into
/// it with `\(value)` always comes out escaped (`&`, `<`, `>`, `"`, `'`), and only another `HTML`
/// is placed as it is. The literal text between the values is the programmer's markup.
///
///     let row: HTML = "<dt>\(label)</dt><dd>\(value)</dd>"   // label and value are escaped
///     let page: HTML = "<dl>\(row)</dl>"                      // row is placed as markup
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The UTF-8 bytes of the markup.
    private(set) var bytes: [UInt8]

    init() { bytes = [] }

    init(stringLiteral literal: String) {
        bytes = Array(literal.utf8)
    }

    init(stringInterpolation interpolation: StringInterpolation) {
        bytes = interpolation.bytes
    }

    /// Markup that an escaping renderer made (the console's templates): placed as it is.
    init(rendered markup: String) {
        bytes = Array(markup.utf8)
    }

    var description: String { String(decoding: bytes, as: UTF8.self) }

    /// Adds a piece of markup at the end.
    mutating func append(_ other: HTML) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Builds the markup: literals as they are, strings escaped, HTML as it is.
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8]

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes = []
            bytes.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            bytes.append(contentsOf: literal.utf8)
        }

        /// A value: escaped.
        mutating func appendInterpolation(_ value: String) {
            HTML.escape(value, into: &bytes)
        }

        /// Markup: as it is.
        mutating func appendInterpolation(_ html: HTML) {
            bytes.append(contentsOf: html.bytes)
        }
    }

    /// Writes a text's UTF-8 with `& < > " '` replaced by their entities, byte by byte (a quote
    /// followed by a combining mark is still a quote to a browser, so it is escaped too).
    static func escape(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let entity: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                entity.withUTF8Buffer { output.append(contentsOf: $0) }
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
