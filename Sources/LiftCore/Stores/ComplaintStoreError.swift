import Foundation

/// Why a complaint operation was refused.
public enum ComplaintStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownElevator(NNumber)
    case unknownTicket(String)
    case wrongState(ticket: String, state: ComplaintState, action: String)

    public var description: String {
        switch self {
        case .unknownElevator(let number): "elevator \(number) is not registered"
        case .unknownTicket: "no complaint has this ticket"
        case .wrongState(_, let state, let action): "the complaint is \(state.rawValue) and cannot be \(action)"
        }
    }
}
