/// An elevator's registry number: "N" and six digits, the first of which is the district.
///
/// People read it off the label and type it when a code will not scan, so parsing accepts
/// "N006109", "n006109" and the bare digits "006109".
public struct NNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The six digits as a number, 1...999_999 (N000000 is never issued).
    public let value: Int

    /// Creates a number from its six-digit value.
    public init?(value: Int) {
        guard (1...999_999).contains(value) else { return nil }
        self.value = value
    }

    /// Parses "N006109", "n006109" or "006109", ignoring surrounding white space.
    public init(parsing text: some StringProtocol) throws(NNumberError) {
        var digits = Substring(text).trimmingWhitespace()
        if let first = digits.first, first == "N" || first == "n" {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { throw .empty }
        guard digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .notDigits(String(text))
        }
        guard digits.utf8.count == 6 else { throw .wrongLength(String(text), digits.utf8.count) }
        let value = digits.utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard value != 0 else { throw .neverIssued }
        self.value = value
    }

    /// The district digit (0-9): the first of the six digits.
    public var districtDigit: Int { value / 100_000 }

    /// "N006109".
    public var description: String {
        let digits = String(value)
        return "N" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    public static func < (lhs: NNumber, rhs: NNumber) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a text is not an N-number.
public enum NNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case notDigits(String)
    case wrongLength(String, Int)
    case neverIssued

    public var description: String {
        switch self {
        case .empty: "an elevator number is empty"
        case .notDigits(let text): "\"\(text)\" is not an elevator number: expected N and six digits, as N006109"
        case .wrongLength(let text, let count): "\"\(text)\" has \(count) digits; an elevator number has six, as N006109"
        case .neverIssued: "N000000 is never issued"
        }
    }

    /// The description in Chinese, for passengers' screens.
    public var chineseDescription: String {
        switch self {
        case .empty: "电梯编号为空"
        case .notDigits(let text): "“\(text)”不是电梯编号（应为 N 加六位数字，如 N006109）"
        case .wrongLength(let text, let count): "“\(text)”有 \(count) 位数字，电梯编号为六位（如 N006109）"
        case .neverIssued: "N000000 不是有效的电梯编号"
        }
    }
}
