/// What a scanned or typed text asks for: a label code to verify, or an elevator number typed by
/// hand (an unverified lookup). The one place that tells the two apart: a text of at most 8 bytes
/// without a "/" is a typed number ("006109", "N006109"), anything else a label code.
public enum ScanInput: Sendable, Hashable {
    case code(LabelCode)
    case number(NNumber)

    /// Longest line a kiosk scan may be, in bytes (a label code is about 140).
    public static let maximumLength = 600

    /// Whether a trimmed text is read as a typed number rather than a label code.
    public static func isTyped(_ trimmed: some StringProtocol) -> Bool {
        trimmed.utf8.count <= 8 && !trimmed.utf8.contains(UInt8(ascii: "/"))
    }

    /// Reads a scanned code or a typed number, ignoring surrounding white space and case.
    /// Throws why it is neither.
    public init(parsing text: String) throws(ScanInputError) {
        let trimmed = text.trimmed
        if Self.isTyped(trimmed) {
            do {
                self = .number(try NNumber(parsing: trimmed))
            } catch {
                throw .notANumber(error)
            }
            return
        }
        do {
            // The untrimmed text: the code's parser refuses non-ASCII white space around a code too.
            self = .code(try LabelCode.parse(text))
        } catch {
            throw .notALabel(error)
        }
    }

    /// Reads a line as a kiosk's scanner or a person typed it: as ``init(parsing:)``, but an
    /// empty line or one longer than ``maximumLength`` is refused first.
    public init(reading line: String) throws(ScanInputError) {
        let text = line.trimmed
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong }
        try self.init(parsing: text)
    }

    /// The elevator number it names.
    public var number: NNumber {
        switch self {
        case .code(let code): code.number
        case .number(let number): number
        }
    }
}

/// Why a scanned or typed text was not used.
public enum ScanInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong
    case notANumber(NNumberError)
    case notALabel(LabelCodeError)

    public var description: String {
        switch self {
        case .empty: "nothing was scanned"
        case .tooLong: "the input is too long to be a label code"
        case .notANumber(let error): error.description
        case .notALabel(let error): error.description
        }
    }

    /// The description in Chinese, for passengers' screens.
    public var chineseDescription: String {
        switch self {
        case .empty: "没有扫描到内容"
        case .tooLong: "输入过长，不是电梯安全标签"
        case .notANumber(let error): error.chineseDescription
        case .notALabel(let error): error.chineseDescription
        }
    }
}
