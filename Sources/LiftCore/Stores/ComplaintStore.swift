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
