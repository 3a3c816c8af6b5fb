import Foundation
import GRDB
import LiftCore

extension AppDatabase: AccountStore {
    /// Adds an account; a worker login that already has a live account is refused (revoke that one first).
    public func addAccount(_ account: Account, tokenHash: String) throws -> Account {
        try dbWriter.write { db in
            if let login = account.workerLogin,
                let live = try Int64.fetchOne(
                    db, sql: "SELECT id FROM account WHERE workerLogin = ? AND revokedAt IS NULL ORDER BY id LIMIT 1", arguments: [login])
            {
                throw AccountStoreError.workerHasAccount(login, live)
            }
            try db.execute(
                sql: """
                    INSERT INTO account (role, unit, district, street, name, phone, workerLogin, tokenHash, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account.role.rawValue, account.unit, account.district, account.street, account.name, account.phone,
                    account.workerLogin, tokenHash, account.createdAt,
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

    public func accounts() throws -> [Account] {
        try reader.read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").map(Self.account(from:)) }
    }

    public func revokeAccount(id: Int64, at: Date) throws {
        try dbWriter.write { db in
            try db.execute(sql: "UPDATE account SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL", arguments: [at, id])
            guard db.changesCount == 1 else { throw AccountStoreError.noLiveAccount(id) }
        }
    }

    static func account(from row: Row) -> Account {
        Account(
            id: row["id"], role: AccountRole(rawValue: row["role"]) ?? .worker, unit: row["unit"], district: row["district"],
            street: row["street"], name: row["name"], phone: row["phone"], workerLogin: row["workerLogin"],
            createdAt: row["createdAt"], revokedAt: row["revokedAt"])
    }
}

/// Why an account operation was refused.
public enum AccountStoreError: Error, Sendable, CustomStringConvertible {
    case noLiveAccount(Int64)
    /// The worker login already has this live account.
    case workerHasAccount(String, Int64)

    public var description: String {
        switch self {
        case .noLiveAccount(let id): "there is no live account \(id)"
        case .workerHasAccount(let login, let id):
            "worker \(login) already has account \(id): use its token, or revoke it first (liftcode accounts revoke \(id))"
        }
    }
}
