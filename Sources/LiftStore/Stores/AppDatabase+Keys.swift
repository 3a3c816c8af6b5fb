import Foundation
import GRDB
import LiftCore

extension AppDatabase: KeyStatusStore {
    public func keyStatuses() throws -> [String: KeyStatus] {
        try reader.read { db in
            var statuses: [String: KeyStatus] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT keyId, status FROM keyStatus") {
                if let status = KeyStatus(rawValue: row["status"]) { statuses[row["keyId"]] = status }
            }
            return statuses
        }
    }

    public func trustStamp() async throws -> String {
        try await reader.read { db in
            let labels = try Row.fetchOne(
                db, sql: "SELECT count(*) AS n, max(revokedAt) AS latest FROM label WHERE revokedAt IS NOT NULL")
            let keys = try String.fetchOne(
                db, sql: "SELECT group_concat(keyId || '=' || status || '@' || changedAt, ',') FROM (SELECT * FROM keyStatus ORDER BY keyId)")
            let count: Int = labels?["n"] ?? 0
            let latest: String = labels?["latest"] ?? ""
            return "labels \(count) \(latest); keys \(keys ?? "")"
        }
    }

    public func setKeyStatus(_ status: KeyStatus, for keyID: String) throws {
        try dbWriter.write { db in
            try db.execute(
                sql: """
                    INSERT INTO keyStatus (keyId, status, changedAt) VALUES (?, ?, ?)
                    ON CONFLICT(keyId) DO UPDATE SET status = excluded.status, changedAt = excluded.changedAt
                    """,
                arguments: [keyID, status.rawValue, Date()])
        }
    }
}
