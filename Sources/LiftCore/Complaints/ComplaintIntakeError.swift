import Foundation

/// Why a complaint was not taken in.
public enum ComplaintIntakeError: Error, Sendable {
    /// A field of the draft is wrong.
    case invalidDraft(ComplaintValidationError)
    /// The code or number it is about cannot be read; the result says why.
    case invalidSubject(ScanResult)
    /// The elevator is not registered.
    case unknownElevator(NNumber)

    /// What is wrong, in a person's language.
    public func message(in language: Language) -> String {
        switch self {
        case .invalidDraft(let error): error.message(in: language)
        case .invalidSubject(let result): result.reason(in: language)
        case .unknownElevator(let number): language == .zh ? "电梯 \(number) 未登记" : "elevator \(number) is not registered"
        }
    }
}
