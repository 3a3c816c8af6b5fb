import LiftCore

/// What a scan or a typed line asks for: a label code to verify, or an elevator number typed by
/// hand (an unverified lookup).
public enum ScanInput: Sendable, Hashable {
    case code(LabelCode)
    case number(NNumber)

    /// Longest line a scan may be, in bytes (a label code is about 140).
    public static let maximumLength = 600

    /// Reads a line as the scanner or a person typed it. Surrounding white space, a trailing Tab
    /// and lower case are tolerated. Throws a reason a person can read when it is neither a label
    /// code nor a six-digit number.
    public init(reading line: String) throws(ScanInputError) {
        let text = line.trimmed
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong }
        if text.utf8.count <= 8, !text.contains("/") {
            do {
                self = .number(try NNumber(parsing: text))
            } catch {
                throw .notANumber(error.description)
            }
            return
        }
        do {
            self = .code(try LabelCode.parse(text))
        } catch {
            throw .notALabel(error.description)
        }
    }

    /// The elevator number it names.
    public var number: NNumber {
        switch self {
        case .code(let code): code.number
        case .number(let number): number
        }
    }
}

/// Why a scanned or typed line was not used.
public enum ScanInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong
    case notANumber(String)
    case notALabel(String)

    public var description: String {
        switch self {
        case .empty: "nothing was scanned"
        case .tooLong: "the input is too long to be a label code"
        case .notANumber(let reason): reason
        case .notALabel(let reason): reason
        }
    }
}
