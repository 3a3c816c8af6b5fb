import Foundation
import LiftCore
import PostgresNIO

/// Complaints that arrive together, written in one statement (one transaction): group commit, as
/// `GroupCommit` does on SQLite.
///
/// Each complaint is on disk (synchronous commit) before its caller hears back, but the complaints
/// that queue up while one batch commits share the next batch's statements and commit: one read of
/// their elevators, one statement writing their rows, one WAL flush. That is what lets a server
/// acknowledge thousands of durable complaints a second where one transaction each spent most of
/// the database's CPU on round trips and commits. A batch whose statement fails is retried one
/// complaint at a time, so one complaint's error never becomes another's. Reports of people
/// trapped are not batched: they open a rescue in their own transaction.
final class ComplaintBatch: @unchecked Sendable {
    /// One queued complaint and who waits for it.
    private struct Job {
        let filing: ComplaintFiling
        let continuation: CheckedContinuation<Complaint, any Error>
    }

    /// The most complaints one batch takes (about 30 bound values each, far below
    /// PostgreSQL's 65,535 a statement).
    static let maximumBatch = 256

    /// `pending` and `isDraining` are read and written only while holding `lock`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var isDraining = false

    /// Files `filing` in the next batch of `store` and returns once that batch is committed.
    func file(_ filing: ComplaintFiling, in store: PostgresStore) async throws -> Complaint {
        try await withCheckedThrowingContinuation { continuation in
            let startsDraining = lock.withLock {
                pending.append(Job(filing: filing, continuation: continuation))
                guard !isDraining else { return false }
                isDraining = true
                return true
            }
            if startsDraining {
                Task { await self.drain(store) }
            }
        }
    }

    /// Commits queued complaints, a batch at a time, until none are left.
    private func drain(_ store: PostgresStore) async {
        while true {
            let jobs: [Job] = lock.withLock {
                let batch = Array(pending.prefix(Self.maximumBatch))
                pending.removeFirst(batch.count)
                if batch.isEmpty { isDraining = false }
                return batch
            }
            guard !jobs.isEmpty else { return }
            // No BEGIN and COMMIT around the batch: its one writing statement is atomic and commits
            // itself (synchronously), which saves two round trips a batch; the read of the
            // elevators before it sees committed rows either way.
            if jobs.count > 1,
                let results = try? await store.client.withConnection({ connection in
                    try await Self.write(jobs.map(\.filing), Transaction(connection: connection, logger: store.logger))
                })
            {
                for (job, result) in zip(jobs, results) { job.continuation.resume(with: result) }
                continue
            }
            // One alone, or a batch whose statement failed: each in its own statement, with its own answer.
            for job in jobs {
                let filing = job.filing
                do {
                    let complaint = try await store.client.withConnection { connection in
                        try await PostgresStore.file(filing, policy: store.rescuePolicy, Transaction(connection: connection, logger: store.logger))
                    }
                    job.continuation.resume(returning: complaint)
                } catch {
                    job.continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Writes the complaints of `filings` (none of them a report of people trapped) on `db`: one
    /// read of their elevators, one statement for every row, which commits them all or none. An
    /// unknown elevator fails its own complaint only.
    static func write(_ filings: [ComplaintFiling], _ db: Transaction) async throws -> [Result<Complaint, any Error>] {
        let numbers = Array(Set(filings.map(\.number.value)))
        var contacts: [Int: (routing: ComplaintRouting.ElevatorContacts, street: String?, isClassified: Bool)] = [:]
        var select = SQLStatement()
        select.append(constant: ComplaintRoutingStatement.selection)
        select.append(" WHERE e.number = ANY(?)", numbers)
        for row in try await db.rows(select) {
            let routing = ComplaintRouting.ElevatorContacts(
                district: try row("district"), maintenanceUnit: try row("unitName"), workerLogin: try row("workerLogin"),
                workerName: try row("workerName"), webhookURL: try row("webhookURL"))
            contacts[try row("number")] = (routing, try row("street"), try row("isClassified"))
        }

        var results: [Result<Complaint, any Error>] = []
        var complaints = SQLStatement("WITH filed AS (INSERT INTO complaint (ticket, publicId, category, problem, text, phone, role, ")
        complaints.append("number, labelSerial, verification, state, routedTo, routedWorker, district, street, createdAt, updatedAt) VALUES ")
        var events: [(ticket: String, event: ComplaintEvent)] = []
        var deliveries: [(ticket: String, url: String, payload: String, at: Date)] = []
        var written = 0
        for filing in filings {
            guard let elevator = contacts[filing.number.value] else {
                results.append(.failure(ComplaintStoreError.unknownElevator(filing.number)))
                continue
            }
            let routing = ComplaintRouting(filing, contacts: elevator.routing)
            let complaint = routing.complaint(
                filing, ticket: Complaint.newTicket(), publicID: Complaint.newPublicID(), elevatorIsClassified: elevator.isClassified)
            let at = filing.receivedAt
            complaints.append(constant: written == 0 ? "" : ", ")
            written += 1
            complaints.append(
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", complaint.ticket, complaint.publicID, filing.draft.category.rawValue,
                filing.draft.problem?.rawValue, filing.draft.text, filing.draft.phone, filing.draft.role.rawValue, filing.number.value,
                filing.label?.serial, filing.verification.rawValue, routing.state.rawValue, routing.routedTo, routing.routedWorker,
                elevator.routing.district, elevator.street, at, at)
            events += routing.events.map { (complaint.ticket, $0) }
            if let webhook = routing.webhookURL {
                deliveries.append((complaint.ticket, webhook, try ComplaintWebhookPayload(complaint).json(), at))
            }
            results.append(.success(complaint))
        }
        guard written > 0 else { return results }
        complaints.append("), logged AS (INSERT INTO complaintEvent (ticket, at, state, note) VALUES ")
        for (index, entry) in events.enumerated() {
            complaints.append(constant: index == 0 ? "" : ", ")
            complaints.append("(?, ?, ?, ?)", entry.ticket, entry.event.at, entry.event.state.rawValue, entry.event.note)
        }
        complaints.append(") ")
        if deliveries.isEmpty {
            complaints.append("SELECT 1")
        } else {
            complaints.append("INSERT INTO outbox (ticket, url, payload, nextAttemptAt) VALUES ")
            for (index, delivery) in deliveries.enumerated() {
                complaints.append(constant: index == 0 ? "" : ", ")
                complaints.append("(?, ?, ?, ?)", delivery.ticket, delivery.url, delivery.payload, delivery.at)
            }
        }
        try await db.execute(complaints.query)
        return results
    }
}
