import Foundation

/// The JSON a maintenance unit's webhook receives for a dispatched rescue, and the district
/// regulator's for an escalated one. The order's public id names it; never a reporter's ticket.
/// The caller's phone goes to the maintenance unit alone.
public struct RescueWebhookPayload: Encodable, Sendable {
    let event: String
    let id: String
    let elevator: String
    let district: String
    let address: String?
    let maintenanceUnit: String?
    let state: String
    let reportVerification: String
    let callerPhone: String?
    let note: String?
    let reportedAt: Date
    let acceptBy: Date
    let arriveBy: Date
    let escalatedAt: Date?

    public init(_ order: RescueOrder, event: String) {
        self.event = event
        id = order.id
        elevator = order.number.description
        district = order.district
        address = order.address
        maintenanceUnit = order.maintenanceUnit
        state = order.state.rawValue
        reportVerification = order.reportVerification.rawValue
        callerPhone = event == "rescue-dispatched" ? order.callerPhone : nil
        note = order.note
        reportedAt = order.reportedAt
        acceptBy = order.acceptBy
        arriveBy = order.arriveBy
        escalatedAt = order.escalatedAt
    }

    /// The body posted, keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
