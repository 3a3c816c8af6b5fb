import Foundation
import GRDB
import LiftCore

extension AppDatabase: SessionStore {
    public func storeSession(key: String, value: Data, expiresAt: Date?, replace: Bool, now: Date) async throws -> Bool {
        try await dbWriter.write { db in
            if !replace,
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM session WHERE key = ? AND (expiresAt IS NULL OR expiresAt > ?)", arguments: [key, now]) == true
            {
                return false
            }
            try db.execute(
                sql: "INSERT INTO session (key, value, expiresAt) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expiresAt = excluded.expiresAt",
                arguments: [key, value, expiresAt])
            return true
        }
    }

    public func session(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        try await reader.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT value, expiresAt FROM session WHERE key = ? AND (expiresAt IS NULL OR expiresAt > ?)", arguments: [key, now])
            else { return nil }
            return (row["value"], row["expiresAt"])
        }
    }

    public func removeSession(key: String) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "DELETE FROM session WHERE key = ?", arguments: [key])
        }
    }

    /// Drops expired sessions.
    public func removeExpiredSessions(now: Date) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "DELETE FROM session WHERE expiresAt <= ?", arguments: [now])
        }
    }
}
