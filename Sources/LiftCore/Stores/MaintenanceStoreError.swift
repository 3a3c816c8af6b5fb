import Foundation

/// Why a maintenance operation was refused.
public enum MaintenanceStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownElevator(NNumber)
    case unknownRecord(Int64)
    /// The record is not in the status the action needs.
    case wrongStatus(id: Int64, status: ReviewStatus, action: String)
    /// A review may only decide passed, invalid or needs-data.
    case notADecision(ReviewStatus)
    /// The visit overlaps another visit of the same worker: one person is in one place at a time.
    case overlaps(recordID: Int64, number: NNumber)

    public var description: String {
        switch self {
        case .unknownElevator(let number): "elevator \(number) is not registered"
        case .unknownRecord(let id): "no maintenance record has id \(id)"
        case .wrongStatus(let id, let status, let action): "maintenance record \(id) is \(status.rawValue) and cannot be \(action)"
        case .notADecision(let status): "a review decides passed, invalid or needs-data, not \(status.rawValue)"
        case .overlaps(let id, let number):
            "this visit overlaps the same worker's visit to \(number) (maintenance record \(id)); a worker cannot be at two elevators at once"
        }
    }
}
