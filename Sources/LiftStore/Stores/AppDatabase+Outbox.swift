import Foundation
import GRDB
import LiftCore

extension AppDatabase: OutboxStore {
    public func dueDeliveries(at now: Date, limit: Int, excluding: Set<String>) async throws -> [OutboxDelivery] {
        try await reader.read { db in
            let busy = excluding.isEmpty ? "" : "AND o.url NOT IN (\(databaseQuestionMarks(count: excluding.count)))"
            // The secret of the unit the complaint is routed to, as it is now (a rotated secret signs
            // deliveries still queued).
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, COALESCE(o.idempotencyKey, c.publicId) AS deliveryKey, u.webhookSecret FROM outbox o
                    LEFT JOIN complaint c ON c.ticket = o.ticket
                    LEFT JOIN rescue r ON r.id = o.rescueId
                    LEFT JOIN unit u ON u.kind = 'maintenance' AND u.name = COALESCE(c.routedTo, r.maintenanceUnit) AND u.webhookURL = o.url
                    WHERE o.deliveredAt IS NULL AND o.nextAttemptAt <= ? \(busy) ORDER BY o.nextAttemptAt LIMIT ?
                    """,
                arguments: [now] + StatementArguments(Array(excluding)) + [limit]
            ).map {
                OutboxDelivery(
                    id: $0["id"], ticket: $0["ticket"] ?? "", complaintID: $0["deliveryKey"] ?? "", url: $0["url"], payload: $0["payload"],
                    attempts: $0["attempts"], secret: ($0["webhookSecret"] as String?).map(WebhookSecret.init(unchecked:)))
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
