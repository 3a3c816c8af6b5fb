import Foundation
import GRDB
import LiftCore

extension AppDatabase: AccountStore {
    /// Adds an account; a login taken by a live account, or a worker login that already has a live
    /// account, is refused (revoke that one first).
    public func addAccount(_ account: Account, tokenHash: String, passwordHash: String?) async throws -> Account {
        try await dbWriter.write { db in
            if let login = account.workerLogin,
                let live = try Int64.fetchOne(
                    db, sql: "SELECT id FROM account WHERE workerLogin = ? AND revokedAt IS NULL ORDER BY id LIMIT 1", arguments: [login])
            {
                throw AccountStoreError.workerHasAccount(login, live)
            }
            if let login = account.login,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE login = ? AND revokedAt IS NULL", arguments: [login]) == true
            {
                throw AccountStoreError.loginTaken(login)
            }
            try db.execute(
                sql: """
                    INSERT INTO account (role, unit, district, street, name, phone, workerLogin, login, passwordHash, tokenHash, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account.role.rawValue, account.unit, account.district, account.street, account.name, account.phone,
                    account.workerLogin, account.login, passwordHash, tokenHash, account.createdAt,
                ])
            var stored = account
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func account(tokenHash: String) async throws -> Account? {
        try await reader.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE tokenHash = ? AND revokedAt IS NULL", arguments: [tokenHash])
                .map(Self.account(from:))
        }
    }

    public func account(id: Int64) async throws -> Account? {
        try await reader.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ? AND revokedAt IS NULL", arguments: [id]).map(Self.account(from:))
        }
    }

    public func account(login: String) async throws -> (account: Account, passwordHash: String?)? {
        try await reader.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE login = ? AND revokedAt IS NULL", arguments: [login]).map {
                (Self.account(from: $0), $0["passwordHash"] as String?)
            }
        }
    }

    public func setPasswordHash(_ hash: String, login: String) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "UPDATE account SET passwordHash = ? WHERE login = ? AND revokedAt IS NULL", arguments: [hash, login])
            guard db.changesCount == 1 else { throw AccountStoreError.unknownLogin(login) }
        }
    }

    public func recordSignInFailure(login: String, address: String, at: Date) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "INSERT INTO signInFailure (login, address, at) VALUES (?, ?, ?)", arguments: [login, address, at])
            // Old failures tell nothing: keep the table small.
            try db.execute(sql: "DELETE FROM signInFailure WHERE at < ?", arguments: [at.addingTimeInterval(-86_400)])
        }
    }

    public func signInFailures(login: String, since: Date) async throws -> [Date] {
        try await reader.read { db in
            try Date.fetchAll(db, sql: "SELECT at FROM signInFailure WHERE login = ? AND at >= ? ORDER BY at", arguments: [login, since])
        }
    }

    public func signInFailureCount(address: String, since: Date) async throws -> Int {
        try await reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM signInFailure WHERE address = ? AND at >= ?", arguments: [address, since]) ?? 0
        }
    }

    public func clearSignInFailures(login: String) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "DELETE FROM signInFailure WHERE login = ?", arguments: [login])
        }
    }

    public func accounts() async throws -> [Account] {
        try await reader.read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").map(Self.account(from:)) }
    }

    public func revokeAccount(id: Int64, at: Date) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "UPDATE account SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL", arguments: [at, id])
            guard db.changesCount == 1 else { throw AccountStoreError.noLiveAccount(id) }
        }
    }

    static func account(from row: Row) -> Account {
        Account(
            id: row["id"], role: AccountRole(rawValue: row["role"]) ?? .worker, unit: row["unit"], district: row["district"],
            street: row["street"], name: row["name"], phone: row["phone"], workerLogin: row["workerLogin"], login: row["login"],
            createdAt: row["createdAt"], revokedAt: row["revokedAt"])
    }
}
