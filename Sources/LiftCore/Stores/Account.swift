import Foundation

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
