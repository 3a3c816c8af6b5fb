import Foundation
import GRDB
import LiftCore

extension AppDatabase: OutboxStore {
    public func dueDeliveries(at now: Date, limit: Int) async throws -> [OutboxDelivery] {
        try await reader.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM outbox WHERE deliveredAt IS NULL AND nextAttemptAt <= ? ORDER BY nextAttemptAt LIMIT ?",
                arguments: [now, limit]
            ).map { OutboxDelivery(id: $0["id"], ticket: $0["ticket"], url: $0["url"], payload: $0["payload"], attempts: $0["attempts"]) }
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
