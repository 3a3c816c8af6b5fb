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
