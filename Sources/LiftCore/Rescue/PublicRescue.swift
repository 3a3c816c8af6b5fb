import Foundation

/// A rescue as the reporter sees it on the ticket page: where it stands and when each step
/// happened. Never the rescuer's name or phone, nor anything of the unit.
public struct PublicRescue: Sendable, Hashable, Codable {
    public var state: RescueState
    public var reportedAt: Date
    public var acceptedAt: Date?
    public var arrivedAt: Date?
    public var releasedAt: Date?

    public init(_ order: RescueOrder) {
        state = order.state
        reportedAt = order.reportedAt
        acceptedAt = order.acceptedAt
        arrivedAt = order.arrivedAt
        releasedAt = order.releasedAt
    }
}
