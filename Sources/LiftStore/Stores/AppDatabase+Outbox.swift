import Foundation
import GRDB
import LiftCore

extension AppDatabase: OutboxStore {
    public func dueDeliveries(at now: Date, limit: Int, excluding: Set<String>) async throws -> [OutboxDelivery] {
        try await reader.read { db in
            let busy = excluding.isEmpty ? "" : "AND o.url NOT IN (\(databaseQuestionMarks(count: excluding.count)))"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, COALESCE(o.idempotencyKey, c.publicId) AS deliveryKey FROM outbox o LEFT JOIN complaint c ON c.ticket = o.ticket
                    WHERE o.deliveredAt IS NULL AND o.nextAttemptAt <= ? \(busy) ORDER BY o.nextAttemptAt LIMIT ?
                    """,
                arguments: [now] + StatementArguments(Array(excluding)) + [limit]
            ).map {
                OutboxDelivery(
                    id: $0["id"], ticket: $0["ticket"] ?? "", complaintID: $0["deliveryKey"] ?? "", url: $0["url"], payload: $0["payload"],
                    attempts: $0["attempts"])
            }
        }
    }

    public func markDelivered(_ id: Int64, at: Date) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "UPDATE outbox SET deliveredAt = ?, attempts = attempts + 1, lastError = NULL WHERE id = ?", arguments: [at, id])
        }
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date) async throws {
        try await dbWriter.write { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ? WHERE id = ?",
                arguments: [String(error.prefix(500)), retryAt, id])
        }
    }
}
