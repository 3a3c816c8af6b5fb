import Foundation

/// What an account may do.
public enum AccountRole: String, Sendable, Codable, CaseIterable {
    /// A person of a maintenance unit: uploads maintenance, sees complaints routed to them.
    case worker
    /// A maintenance unit: lists, acknowledges and resolves its complaints.
    case maintainer
    /// A user unit (物业): its elevators and complaints.
    case property
    /// A district or street market-supervision office.
    case regulator
    /// The 96333 emergency line: enters rescues for calls taken by phone, city-wide, and follows them.
    case emergencyOperator = "operator"
    /// Accounts, keys, revocations.
    case admin
}

/// An API account. The bearer token itself is never stored, only its SHA-256.
public struct Account: Sendable, Hashable, Codable {
    public var id: Int64
    public var role: AccountRole
    /// The unit a worker, maintainer or property account belongs to.
    public var unit: String?
    /// A regulator's district, and street when scoped to one.
    public var district: String?
    public var street: String?
    public var name: String?
    public var phone: String?
    /// A worker's login (W0001…), linking the account to the worker register.
    public var workerLogin: String?
    /// The console sign-in name (a worker's defaults to its worker login).
    public var login: String?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: Int64, role: AccountRole, unit: String? = nil, district: String? = nil, street: String? = nil, name: String? = nil,
        phone: String? = nil, workerLogin: String? = nil, login: String? = nil, createdAt: Date, revokedAt: Date? = nil
    ) {
        self.login = login
        self.id = id
        self.role = role
        self.unit = unit
        self.district = district
        self.street = street
        self.name = name
        self.phone = phone
        self.workerLogin = workerLogin
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Accounts, looked up by the hash of their bearer token, or by login and password in the console.
public protocol AccountStore: Sendable {
    /// Stores a new account under the hash of its token (and its password hash, when it has one).
    /// Throws `AccountStoreError.loginTaken` when a live account already has the login.
    func addAccount(_ account: Account, tokenHash: String, passwordHash: String?) throws -> Account
    /// The live (not revoked) account whose token hashes to `tokenHash`.
    func account(tokenHash: String) async throws -> Account?
    /// A live account by id.
    func account(id: Int64) async throws -> Account?
    /// A live account by login, with its bcrypt password hash (nil: no password set).
    func account(login: String) async throws -> (account: Account, passwordHash: String?)?
    /// Sets a live account's password hash; throws `AccountStoreError.unknownLogin`.
    func setPasswordHash(_ hash: String, login: String) async throws
    func accounts() throws -> [Account]
    func revokeAccount(id: Int64, at: Date) throws

    /// Records a failed sign-in, for the lock-out (`SignInThrottle`).
    func recordSignInFailure(login: String, address: String, at: Date) async throws
    /// The times of a login's failed sign-ins since `since`.
    func signInFailures(login: String, since: Date) async throws -> [Date]
    /// How many sign-ins failed from an address since `since`.
    func signInFailureCount(address: String, since: Date) async throws -> Int
    /// Forgets a login's failures (after a successful sign-in).
    func clearSignInFailures(login: String) async throws
}

extension AccountStore {
    /// Stores a new account without a password.
    public func addAccount(_ account: Account, tokenHash: String) throws -> Account {
        try addAccount(account, tokenHash: tokenHash, passwordHash: nil)
    }
}

/// Values kept server-side with an expiry: the console's sessions, in the database so that any
/// server of a deployment can serve any session.
public protocol SessionStore: Sendable {
    /// Stores `value` under `key`; `replace` false refuses an existing live key (returns false).
    func storeSession(key: String, value: Data, expiresAt: Date?, replace: Bool, now: Date) async throws -> Bool
    /// A live value and its expiry.
    func session(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    func removeSession(key: String) async throws
}
