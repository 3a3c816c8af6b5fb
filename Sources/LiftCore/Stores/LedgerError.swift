import Foundation

/// Why the ledger refused a request.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    case nothingToIssue(String)
    case badCount(Int)
    case districtFull(String, available: Int, requested: Int)
    case wrongDistrict(NNumber, String)
    case duplicate(NNumber)
    case hasActiveLabel(LabelID)
    case serialsExhausted(NNumber)
    case unknownLabel(LabelID)
    case alreadyRevoked(LabelID)

    public var description: String {
        switch self {
        case .nothingToIssue(let district): "nothing to issue: every registered elevator of \(district) already has an active label"
        case .badCount(let count): "--count must be at least 1 (got \(count))"
        case .districtFull(let district, let available, let requested):
            "\(district) has only \(available) unused numbers left; \(requested) were requested"
        case .wrongDistrict(let number, let district): "\(number) is not a number of \(district) (its first digit is the district)"
        case .duplicate(let number): "\(number) is listed twice"
        case .hasActiveLabel(let label): "\(label.number) already has an active label \(label); use --replace to issue a new one"
        case .serialsExhausted(let number): "\(number) has used all 9999 label serials"
        case .unknownLabel(let label): "label \(label) is not in the ledger"
        case .alreadyRevoked(let label): "label \(label) is already revoked"
        }
    }
}
