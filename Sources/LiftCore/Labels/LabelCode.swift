/// The text a label's QR code holds (format v1): a URL a phone opens directly, signed with Ed25519.
///
///     HTTPS://LC.EXAMPLE.CN/E/N006109-1-K1-<103 base32 characters>
///
/// The signature covers the ASCII bytes of ``prefix``: everything up to and including the last "-".
public struct LabelCode: Sendable, Hashable {
    /// The deployment's label base URL, upper case, no trailing slash.
    public let baseURL: String
    public let number: NNumber
    /// The label's issue number for its elevator: 1 for the first label, then one more per replacement.
    public let serial: Int
    /// The id of the key that signed it, 1-4 characters of A-Z and 0-9.
    public let keyID: String
    /// The 64-byte Ed25519 signature.
    public let signature: [UInt8]

    /// Length of an Ed25519 signature in bytes.
    public static let signatureLength = 64
    /// Serials run from 1 to this.
    public static let maximumSerial = 9999

    public init(baseURL: String, number: NNumber, serial: Int, keyID: String, signature: [UInt8]) {
        self.baseURL = baseURL
        self.number = number
        self.serial = serial
        self.keyID = keyID
        self.signature = signature
    }

    /// The signed part of the code.
    public var prefix: String {
        Self.prefix(baseURL: baseURL, number: number, serial: serial, keyID: keyID)
    }

    /// The whole code as printed.
    public var text: String { prefix + Base32.encode(signature) }

    /// The part after "/E/", as a server's URL carries it: "N006109-1-K1-<signature>".
    public var path: String { "\(number)-\(serial)-\(keyID)-" + Base32.encode(signature) }

    /// Reads the part after "/E/" (as a server receives it) under the server's own base URL.
    public init(path: some StringProtocol, baseURL: String) throws(LabelCodeError) {
        self = try Self.parse(path: path, baseURL: baseURL)
    }

    /// Reads the part after "/E/" (as a server receives it) under the server's own base URL: the
    /// server's hot path, not generic so that it runs specialised from other modules.
    public init(path: String, baseURL: String) throws(LabelCodeError) {
        var path = path
        if let code = path.withUTF8({ WellFormedPath($0) })?.code(baseURL: baseURL) {
            self = code
            return
        }
        self = try Self.parseAnyForm(path: path, baseURL: baseURL)
    }

    /// The label's identity in the ledger and on its footer, "N006109-1".
    public var labelID: LabelID { LabelID(number: number, serial: serial) }

    /// The text to sign for a label: `BASE/E/N006109-1-K1-`.
    public static func prefix(baseURL: String, number: NNumber, serial: Int, keyID: String) -> String {
        "\(baseURL)/E/\(number)-\(serial)-\(keyID)-"
    }

    /// Normalises a configured base URL the way codes carry it: upper case, no trailing slash.
    public static func normalizedBaseURL(_ url: String) -> String {
        var base = url.trimmed.uppercased()
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Parses a code, ignoring case and surrounding white space (a scanner may add a Tab or Enter).
    /// Does not check the signature: see ``LabelVerifier``.
    /// Any character outside ASCII makes the code malformed: upper-casing a look-alike (a dotless
    /// "ı" becomes "I") must not turn a forged text into a genuine code.
    public static func parse(_ text: String) throws(LabelCodeError) -> LabelCode {
        // Checked before trimming: a non-ASCII space around a code is no more acceptable than inside it.
        guard text.utf8.count <= 520 else { throw .tooLong }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { throw .nonASCII }
        let trimmed = text.trimmed
        guard trimmed.utf8.count <= 512 else { throw .tooLong }
        let upper = trimmed.uppercased()
        guard !upper.isEmpty else { throw .empty }
        guard let marker = lastPathMarker(in: upper) else { throw .notALabelCode }
        let utf8 = upper.utf8
        let baseURL = String(upper[..<utf8.index(utf8.startIndex, offsetBy: marker)])
        return try parse(path: upper[utf8.index(utf8.startIndex, offsetBy: marker + 3)...], baseURL: baseURL)
    }

    /// The byte offset of the last "/E/" in ASCII text (Foundation's `range(of:options:)` cost a
    /// lookup more than the rest of its parsing).
    static func lastPathMarker(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        var offset = bytes.count - 3
        while offset >= 0 {
            if bytes[offset] == UInt8(ascii: "/") && bytes[offset + 1] == UInt8(ascii: "E") && bytes[offset + 2] == UInt8(ascii: "/") {
                return offset
            }
            offset -= 1
        }
        return nil
    }

    /// Parses the part after "/E/" (as a server receives it) with the server's own base URL.
    public static func parse(path: some StringProtocol, baseURL: String) throws(LabelCodeError) -> LabelCode {
        // Every scan of a printed label takes this path; read it in one pass over the bytes. Whatever
        // the one pass does not accept is read again below, which names what is wrong with it.
        var text = String(path)
        if let code = text.withUTF8({ WellFormedPath($0) })?.code(baseURL: baseURL) { return code }
        return try parseAnyForm(path: path, baseURL: baseURL)
    }

    /// The general reading of a path: white space around it, any case, and a specific error for
    /// whatever is wrong.
    static func parseAnyForm(path: some StringProtocol, baseURL: String) throws(LabelCodeError) -> LabelCode {
        guard path.utf8.count <= 512 else { throw .tooLong }
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else { throw .nonASCII }
        let rest = path.trimmed.uppercased()
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4 else { throw .notALabelCode }
        guard parts[0].first == "N" else { throw .badNumber(NNumberError.notDigits(String(parts[0])).description) }
        let number: NNumber
        do {
            number = try NNumber(parsing: parts[0])
        } catch {
            throw .badNumber(error.description)
        }
        let serialText = parts[1]
        guard !serialText.isEmpty, serialText.utf8.count <= 4,
            serialText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            serialText.first != "0", let serial = Int(serialText)
        else { throw .badSerial(String(serialText)) }
        let keyID = String(parts[2])
        guard isValidKeyID(keyID) else { throw .badKeyID(keyID) }
        let signatureText = parts[3]
        guard signatureText.utf8.count == 103, let signature = Base32.decode(signatureText),
            signature.count == signatureLength
        else { throw .badSignature }
        return LabelCode(baseURL: baseURL, number: number, serial: serial, keyID: keyID, signature: signature)
    }

    /// A key id is 1 to 4 characters of A-Z and 0-9.
    public static func isValidKeyID(_ id: String) -> Bool {
        (1...4).contains(id.utf8.count)
            && id.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            }
    }
}

/// A label: an elevator number and the serial of the label printed for it ("N006109-1").
public struct LabelID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let number: NNumber
    public let serial: Int

    public init(number: NNumber, serial: Int) {
        self.number = number
        self.serial = serial
    }

    /// Parses "N006109-1".
    public init(parsing text: String) throws(LabelCodeError) {
        let parts = text.trimmed.uppercased().split(separator: "-")
        guard parts.count == 2 else { throw .notALabelID(text) }
        do {
            number = try NNumber(parsing: parts[0])
        } catch {
            throw .badNumber(error.description)
        }
        guard let serial = Int(parts[1]), (1...LabelCode.maximumSerial).contains(serial) else {
            throw .badSerial(String(parts[1]))
        }
        self.serial = serial
    }

    public var description: String { "\(number)-\(serial)" }
}

/// Why a text is not a label code.
public enum LabelCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong
    case notALabelCode
    case badNumber(String)
    case badSerial(String)
    case badKeyID(String)
    case badSignature
    case notALabelID(String)
    case nonASCII

    public var description: String {
        switch self {
        case .empty: "the code is empty"
        case .tooLong: "the code is too long to be a label code"
        case .notALabelCode: "not a liftcode label code (expected …/E/N006109-1-K1-SIGNATURE)"
        case .badNumber(let reason): "bad elevator number: \(reason)"
        case .badSerial(let text): "bad label serial \"\(text)\": expected 1 to 9999 without leading zeros"
        case .badKeyID(let text): "bad key id \"\(text)\": expected 1 to 4 characters of A-Z and 0-9"
        case .badSignature: "bad signature: expected 103 base32 characters (A-Z, 2-7)"
        case .notALabelID(let text): "\"\(text)\" is not a label id: expected N006109-1"
        case .nonASCII: "the code holds a character that is not in a label code (only A-Z, 0-9 and URL punctuation)"
        }
    }

    /// The description in Chinese, for passengers' screens.
    public var chineseDescription: String {
        switch self {
        case .empty: "编码为空"
        case .tooLong: "编码过长，不是电梯安全标签"
        case .notALabelCode: "不是电梯安全标签的二维码"
        case .badNumber: "标签上的电梯编号不正确"
        case .badSerial(let text): "标签序号“\(text)”不正确"
        case .badKeyID(let text): "密钥编号“\(text)”不正确"
        case .badSignature: "标签签名不完整"
        case .notALabelID(let text): "“\(text)”不是标签编号（应为 N006109-1）"
        case .nonASCII: "编码含有标签中不会出现的字符"
        }
    }
}
