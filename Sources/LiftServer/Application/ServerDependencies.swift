import Foundation
import LiftCore

/// What the server reads and writes, all through LiftCore's store protocols, so another storage
/// engine can stand in for SQLite without touching the server.
public struct ServerDependencies: Sendable {
    public var registry: any RegistryStore
    public var complaints: any ComplaintStore
    public var outbox: any OutboxStore
    public var accounts: any AccountStore
    /// Maintenance uploads, review and history.
    public var maintenance: any MaintenanceStore
    /// Regulators' queries, exports and daily summary.
    public var supervision: any SupervisionStore
    /// Units, workers and insurance as operators load them (the admin routes); nil: no admin routes.
    public var units: (any UnitStore)?
    /// Rescue orders (trapped passengers); without it the rescue routes are absent.
    public var rescues: (any RescueStore)?
    /// Checks label signatures (LiftCrypto's KeyRing).
    public var signatures: any SignatureChecking
    /// The published keys, for `GET /api/v1/keys`.
    public var publicKeys: [PublishedKey]
    /// Today in Shanghai; a parameter so tests can fix the day.
    public var today: @Sendable () -> CivilDate
    /// The present instant (an upload's time); a parameter so tests can fix the clock.
    public var now: @Sendable () -> Date
    /// Changes whenever keys or label revocations change (`KeyStatusStore.trustStamp` and the key
    /// folder); with `reloadKeys`, a running server picks up such changes without a restart.
    public var trustStamp: (@Sendable () async throws -> String)?
    /// The key ring as it now is, and its published keys.
    public var reloadKeys: (@Sendable () async throws -> (any SignatureChecking, [PublishedKey]))?
    /// The store's announcements of trust changes (PostgreSQL): checked at once, besides the poll.
    public var trustChanges: (any TrustChangeFeed)?
    /// Where complaint rate limits are counted when the store keeps them (PostgreSQL: across every
    /// server); nil counts in this process's memory.
    public var rateLimits: (any RateLimitStore)?
    /// Where console sessions live; without it the console is not served.
    public var sessions: (any SessionStore)?
    /// Workers' start scans and label photos (the console's visit flow).
    public var visits: (any VisitStore)?

    public init(
        registry: any RegistryStore, complaints: any ComplaintStore, outbox: any OutboxStore, accounts: any AccountStore,
        maintenance: any MaintenanceStore, supervision: any SupervisionStore, signatures: any SignatureChecking, publicKeys: [PublishedKey],
        today: @escaping @Sendable () -> CivilDate, now: @escaping @Sendable () -> Date = { Date() }, units: (any UnitStore)? = nil,
        rescues: (any RescueStore)? = nil
    ) {
        self.rescues = rescues
        self.registry = registry
        self.complaints = complaints
        self.outbox = outbox
        self.accounts = accounts
        self.maintenance = maintenance
        self.supervision = supervision
        self.signatures = signatures
        self.publicKeys = publicKeys
        self.today = today
        self.now = now
        self.units = units
    }
}

/// A public key as `GET /api/v1/keys` lists it.
public struct PublishedKey: Sendable, Codable, Hashable {
    public var id: String
    public var status: KeyStatus
    public var algorithm: String
    /// SubjectPublicKeyInfo PEM, as `openssl pkeyutl -verify -pubin` reads it.
    public var pem: String

    public init(id: String, status: KeyStatus, pem: String) {
        self.id = id
        self.status = status
        self.algorithm = "Ed25519"
        self.pem = pem
    }
}
