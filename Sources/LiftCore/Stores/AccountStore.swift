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
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: Int64, role: AccountRole, unit: String? = nil, district: String? = nil, street: String? = nil, name: String? = nil,
        phone: String? = nil, workerLogin: String? = nil, createdAt: Date, revokedAt: Date? = nil
    ) {
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

/// Accounts, looked up by the hash of their bearer token.
public protocol AccountStore: Sendable {
    /// Stores a new account under the hash of its token.
    func addAccount(_ account: Account, tokenHash: String) throws -> Account
    /// The live (not revoked) account whose token hashes to `tokenHash`.
    func account(tokenHash: String) async throws -> Account?
    func accounts() throws -> [Account]
    func revokeAccount(id: Int64, at: Date) throws
}
