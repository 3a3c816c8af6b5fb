import Foundation
import LiftCore
import NIOCore
import PostgresNIO

extension PostgresStore: AccountStore {
    /// Adds an account; a login taken by a live account, or a worker login that already has a live
    /// account, is refused (revoke that one first).
    public func addAccount(_ account: Account, tokenHash: String, passwordHash: String?) async throws -> Account {
        try await transaction { db in
            // Two servers adding the same login at once: one waits for the other, then sees it.
            try await db.lock("liftcode-accounts")
            if let login = account.workerLogin,
                let live = try await db.scalar(
                    "SELECT id FROM account WHERE workerLogin = \(login) AND revokedAt IS NULL ORDER BY id LIMIT 1", as: Int64.self)
            {
                throw AccountStoreError.workerHasAccount(login, live)
            }
            if let login = account.login,
                try await db.scalar("SELECT 1 FROM account WHERE login = \(login) AND revokedAt IS NULL", as: Int.self) != nil
            {
                throw AccountStoreError.loginTaken(login)
            }
            guard let id = try await db.scalar(
                """
                INSERT INTO account (role, unit, district, street, name, phone, workerLogin, login, passwordHash, tokenHash, createdAt)
                VALUES (\(account.role.rawValue), \(account.unit), \(account.district), \(account.street), \(account.name),
                    \(account.phone), \(account.workerLogin), \(account.login), \(passwordHash), \(tokenHash), \(account.createdAt))
                RETURNING id
                """, as: Int64.self)
            else { throw PostgresStoreError.corruptRow("an account was stored without an id") }
            var stored = account
            stored.id = id
            return stored
        }
    }

    public func account(tokenHash: String) async throws -> Account? {
        try await row("SELECT * FROM account WHERE tokenHash = \(tokenHash) AND revokedAt IS NULL").map(Self.account(from:))
    }

    public func account(id: Int64) async throws -> Account? {
        try await row("SELECT * FROM account WHERE id = \(id) AND revokedAt IS NULL").map(Self.account(from:))
    }

    public func account(login: String) async throws -> (account: Account, passwordHash: String?)? {
        guard let row = try await row("SELECT * FROM account WHERE login = \(login) AND revokedAt IS NULL") else { return nil }
        return (try Self.account(from: row), try row("passwordHash"))
    }

    public func setPasswordHash(_ hash: String, login: String) async throws {
        let changed = try await rows("UPDATE account SET passwordHash = \(hash) WHERE login = \(login) AND revokedAt IS NULL RETURNING id")
        guard changed.count == 1 else { throw AccountStoreError.unknownLogin(login) }
    }

    public func recordSignInFailure(login: String, address: String, at: Date) async throws {
        try await transaction { db in
            try await db.execute("INSERT INTO signInFailure (login, address, at) VALUES (\(login), \(address), \(at))")
            // Old failures tell nothing: keep the table small.
            try await db.execute("DELETE FROM signInFailure WHERE at < \(at.addingTimeInterval(-86_400))")
        }
    }

    public func signInFailures(login: String, since: Date) async throws -> [Date] {
        try await rows("SELECT at FROM signInFailure WHERE login = \(login) AND at >= \(since) ORDER BY at").map { try $0("at") }
    }

    public func signInFailureCount(address: String, since: Date) async throws -> Int {
        try await scalar("SELECT count(*) FROM signInFailure WHERE address = \(address) AND at >= \(since)", as: Int.self) ?? 0
    }

    public func clearSignInFailures(login: String) async throws {
        try await execute("DELETE FROM signInFailure WHERE login = \(login)")
    }

    public func accounts() async throws -> [Account] {
        try await rows("SELECT * FROM account ORDER BY id").map(Self.account(from:))
    }

    public func revokeAccount(id: Int64, at: Date) async throws {
        let changed = try await rows("UPDATE account SET revokedAt = \(at) WHERE id = \(id) AND revokedAt IS NULL RETURNING id")
        guard changed.count == 1 else { throw AccountStoreError.noLiveAccount(id) }
    }

    static func account(from row: RowReader) throws -> Account {
        Account(
            id: try row("id"), role: AccountRole(rawValue: try row("role")) ?? .worker, unit: try row("unit"), district: try row("district"),
            street: try row("street"), name: try row("name"), phone: try row("phone"), workerLogin: try row("workerLogin"),
            login: try row("login"), createdAt: try row("createdAt"), revokedAt: try row("revokedAt"))
    }
}

extension PostgresStore: SessionStore {
    public func storeSession(key: String, value: Data, expiresAt: Date?, replace: Bool, now: Date) async throws -> Bool {
        let bytes = ByteBuffer(bytes: value)
        if replace {
            try await execute(
                """
                INSERT INTO session (key, value, expiresAt) VALUES (\(key), \(bytes), \(expiresAt))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, expiresAt = excluded.expiresAt
                """)
            return true
        }
        // One statement: a live key is kept, an expired one replaced, whichever server asks.
        let stored = try await rows(
            """
            INSERT INTO session (key, value, expiresAt) VALUES (\(key), \(bytes), \(expiresAt))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expiresAt = excluded.expiresAt
            WHERE session.expiresAt IS NOT NULL AND session.expiresAt <= \(now)
            RETURNING key
            """)
        return !stored.isEmpty
    }

    public func session(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        guard let row = try await row("SELECT value, expiresAt FROM session WHERE key = \(key) AND (expiresAt IS NULL OR expiresAt > \(now))")
        else { return nil }
        return (try row.data("value") ?? Data(), try row("expiresAt"))
    }

    public func removeSession(key: String) async throws {
        try await execute("DELETE FROM session WHERE key = \(key)")
    }

    /// Drops expired sessions.
    public func removeExpiredSessions(now: Date) async throws {
        try await execute("DELETE FROM session WHERE expiresAt <= \(now)")
    }
}

extension PostgresStore: VisitStore {
    public func startVisit(_ start: VisitStart) async throws {
        try await execute(
            """
            INSERT INTO visitStart (workerLogin, number, scan, isTyped, type, at, photoType, photo)
            VALUES (\(start.workerLogin), \(start.number.value), \(start.scan), \(start.isTyped), \(start.type.rawValue), \(start.at),
                \(start.photo?.contentType), \(start.photo.map { ByteBuffer(bytes: $0.data) }))
            ON CONFLICT (workerLogin) DO UPDATE SET number = excluded.number, scan = excluded.scan, isTyped = excluded.isTyped,
                type = excluded.type, at = excluded.at, photoType = excluded.photoType, photo = excluded.photo
            """)
    }

    public func openVisit(workerLogin: String) async throws -> VisitStart? {
        guard let row = try await row("SELECT * FROM visitStart WHERE workerLogin = \(workerLogin)"),
            let number = NNumber(value: try row("number")), let type = MaintenanceType(rawValue: try row("type"))
        else { return nil }
        var photo: LabelPhoto?
        if let contentType: String = try row("photoType"), let data = try row.data("photo") {
            photo = LabelPhoto(contentType: contentType, data: data)
        }
        return VisitStart(
            workerLogin: try row("workerLogin"), number: number, scan: try row("scan"), isTyped: try row("isTyped"), type: type,
            at: try row("at"), photo: photo)
    }

    public func endVisit(workerLogin: String) async throws {
        try await execute("DELETE FROM visitStart WHERE workerLogin = \(workerLogin)")
    }

    public func savePhoto(_ photo: LabelPhoto, recordID: Int64) async throws {
        try await execute(
            """
            INSERT INTO maintenancePhoto (recordId, contentType, data) VALUES (\(recordID), \(photo.contentType), \(ByteBuffer(bytes: photo.data)))
            ON CONFLICT (recordId) DO NOTHING
            """)
    }

    public func photo(recordID: Int64) async throws -> LabelPhoto? {
        guard let row = try await row("SELECT contentType, data FROM maintenancePhoto WHERE recordId = \(recordID)"),
            let data = try row.data("data")
        else { return nil }
        return LabelPhoto(contentType: try row("contentType"), data: data)
    }
}
