import Foundation
import GRDB
import LiftCore
import Testing

@testable import LiftStore

/// The rescue migration rebuilds the outbox so it can carry rescue deliveries: a database made
/// before it keeps every queued complaint delivery, attempts and all.
@Suite struct RescueMigrationTests {
    @Test func queuedDeliveriesSurviveTheOutboxRebuild() async throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.makeConfiguration())
        try AppDatabase.migrator.migrate(queue, upTo: "v3-privacy")
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO complaint (ticket, publicId, category, role, number, verification, state, createdAt, updatedAt)
                    VALUES ('TOLDTICKET', 'COLDPUBLICID', 'alarm', 'passenger', 614, 'genuine', 'routed', ?, ?)
                    """,
                arguments: [at, at])
            try db.execute(
                sql: "INSERT INTO outbox (ticket, url, payload, attempts, nextAttemptAt, lastError) VALUES ('TOLDTICKET', 'https://a.example.cn/hook', '{}', 3, ?, 'HTTP 500')",
                arguments: [at])
        }
        let database = try AppDatabase(queue)
        let due = try await database.dueDeliveries(at: at, limit: 10)
        #expect(due == [OutboxDelivery(id: 1, ticket: "TOLDTICKET", complaintID: "COLDPUBLICID", url: "https://a.example.cn/hook", payload: "{}", attempts: 3)])
        let columns = try await queue.read { db in try db.columns(in: "outbox").map(\.name) }
        #expect(columns.contains("rescueId") && columns.contains("idempotencyKey"))
        let indexes = try await queue.read { db in try db.indexes(on: "outbox").map(\.name) }
        #expect(indexes.contains("outbox_on_pending"))
        try await database.markDelivered(1, at: at)
        #expect(try await database.dueDeliveries(at: at.addingTimeInterval(86_400), limit: 10).isEmpty)
    }
}
