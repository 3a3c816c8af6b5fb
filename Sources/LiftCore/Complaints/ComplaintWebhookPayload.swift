import Foundation

/// The JSON a maintenance unit's webhook receives for a routed complaint. The complaint's public
/// id is the idempotency key (a unit may receive the same complaint more than once); the ticket,
/// the reporter's key to the ticket page and its feedback, never leaves for the unit.
public struct ComplaintWebhookPayload: Encodable, Sendable {
    let id: String
    let elevator: String
    let category: String
    let problem: String?
    let text: String?
    let phone: String?
    let verification: String
    let filedAt: Date

    public init(_ complaint: Complaint) {
        id = complaint.publicID
        elevator = complaint.number.description
        category = complaint.draft.category.rawValue
        problem = complaint.draft.problem?.rawValue
        text = complaint.draft.text
        phone = complaint.draft.phone
        verification = complaint.verification.rawValue
        filedAt = complaint.createdAt
    }

    /// The body posted, keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
