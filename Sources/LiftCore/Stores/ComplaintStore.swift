import Foundation

/// Complaints: filed durably with their routing, followed by ticket, handled by the maintenance unit.
public protocol ComplaintStore: Sendable {
    /// Files a complaint: routes it and queues its delivery in one transaction, and returns only
    /// once that transaction is on disk. Throws `ComplaintStoreError.unknownElevator`.
    func file(_ filing: ComplaintFiling) async throws -> Complaint

    /// A complaint with its timeline, by ticket.
    func complaint(ticket: String) async throws -> Complaint?

    /// A complaint by its public id (the id Open311 lists show; it is not the ticket).
    func complaint(publicID: String) async throws -> Complaint?

    /// The reporter's feedback on a resolved complaint; closes it.
    func recordFeedback(ticket: String, satisfied: Bool, at: Date) async throws -> Complaint

    /// The maintenance unit has seen the complaint.
    func acknowledge(ticket: String, by: String, at: Date) async throws -> Complaint

    /// The maintenance unit hands it to one of its workers (who then sees it and may handle it).
    func assign(ticket: String, workerLogin: String, workerName: String, by: String, at: Date) async throws -> Complaint

    /// The maintenance unit has dealt with it.
    func resolve(ticket: String, resolution: String, by: String, at: Date) async throws -> Complaint

    /// Complaints matching a filter, newest first.
    func complaints(_ filter: ComplaintFilter) async throws -> [Complaint]
}

/// A complaint ready to file: checked draft, the elevator, and how its code was verified.
public struct ComplaintFiling: Sendable {
    public var draft: ComplaintDraft
    public var number: NNumber
    public var label: LabelID?
    public var verification: VerificationOutcome
    public var receivedAt: Date

    public init(draft: ComplaintDraft, number: NNumber, label: LabelID?, verification: VerificationOutcome, receivedAt: Date) {
        self.draft = draft
        self.number = number
        self.label = label
        self.verification = verification
        self.receivedAt = receivedAt
    }
}

/// Which complaints to list.
public struct ComplaintFilter: Sendable {
    public var routedTo: String?
    public var workerLogin: String?
    public var userUnit: String?
    public var district: String?
    public var street: String?
    public var number: NNumber?
    public var openOnly: Bool
    public var limit: Int

    public init(
        routedTo: String? = nil, workerLogin: String? = nil, userUnit: String? = nil, district: String? = nil,
        street: String? = nil, number: NNumber? = nil, openOnly: Bool = false, limit: Int = 200
    ) {
        self.routedTo = routedTo
        self.workerLogin = workerLogin
        self.userUnit = userUnit
        self.district = district
        self.street = street
        self.number = number
        self.openOnly = openOnly
        self.limit = limit
    }
}

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

/// Deliveries of routed complaints and rescue orders to maintenance units' and regulators'
/// webhooks, at least once.
public protocol OutboxStore: Sendable {
    /// Deliveries due at `now`, oldest first, leaving out the webhook addresses in `excluding`
    /// (those with a delivery under way).
    func dueDeliveries(at now: Date, limit: Int, excluding: Set<String>) async throws -> [OutboxDelivery]
    func markDelivered(_ id: Int64, at: Date) async throws
    func markFailed(_ id: Int64, error: String, retryAt: Date) async throws
}

extension OutboxStore {
    /// Deliveries due at `now`, oldest first.
    public func dueDeliveries(at now: Date, limit: Int) async throws -> [OutboxDelivery] {
        try await dueDeliveries(at: now, limit: limit, excluding: [])
    }
}

/// One queued webhook post.
public struct OutboxDelivery: Sendable, Hashable {
    public var id: Int64
    /// The complaint's ticket; empty for a rescue order's delivery.
    public var ticket: String
    /// The idempotency key the receiver sees: the complaint's public id, a rescue order's id
    /// ("R…"), or "R…-escalated" for an escalation to the regulator (a ticket never leaves).
    public var complaintID: String
    public var url: String
    /// The JSON body to post.
    public var payload: String
    public var attempts: Int
    /// The unit's webhook secret, which signs the post.
    public var secret: WebhookSecret?

    public init(id: Int64, ticket: String, complaintID: String, url: String, payload: String, attempts: Int, secret: WebhookSecret? = nil) {
        self.id = id
        self.ticket = ticket
        self.complaintID = complaintID
        self.url = url
        self.payload = payload
        self.attempts = attempts
        self.secret = secret
    }
}
