import Foundation
import LiftCore

/// How a liftcode server runs: where it listens, the label base URL its codes carry, and its limits.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The base URL printed in labels (upper-cased, no trailing slash); `/E/<rest>` is verified
    /// against it.
    public var labelBaseURL: String
    /// Other base URLs labels of this deployment were printed with (normalised); their labels are
    /// genuine here too.
    public var otherLabelBaseURLs: [String] = []
    /// The address people open, as configured (not upper-cased): ticket links are made with it.
    /// Nil means the label base URL in lower case.
    public var publicURL: String?
    /// Largest request body accepted, in bytes.
    public var maximumBodySize: Int
    /// Complaints a client address may file per minute; nil switches the limit off (benchmarks).
    public var complaintsPerClientPerMinute: Int?
    /// Complaints one elevator may receive per hour; nil switches the limit off.
    public var complaintsPerElevatorPerHour: Int?
    /// Entries the signature cache keeps.
    public var signatureCacheSize: Int
    /// How long a label page or its JSON may be served again without a new lookup (zero: never);
    /// a revocation or a counted maintenance shows on the page within this time.
    public var pageCacheLifetime: Duration
    /// The most bytes the page cache's answers may take together. The default, 128 MB, holds the
    /// Chinese pages of about 13,000 labels (a page of about 5 KB sits in an 8 KB buffer).
    public var pageCacheBytes: Int
    /// The longest visit accepted from a maintenance upload (start scan to end scan).
    public var maximumVisitDuration: TimeInterval
    /// Deliver webhooks to loopback, link-local and private addresses too.
    public var allowPrivateWebhooks: Bool
    /// Log each request.
    public var logRequests: Bool
    /// The cost of the bcrypt hashes the console makes (passwords set by an admin).
    public var bcryptCost: UInt8 = 12
    /// How long a connection may stay idle (no bytes of a request) before it is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// How often a running server checks whether keys or label revocations changed (on PostgreSQL
    /// it also checks at once when told of a change; this poll is the fallback).
    public var trustCheckInterval: Duration = .seconds(1)
    /// The addresses of reverse proxies in front (nginx on loopback): for a request from one of
    /// them, the client is the address it names in `X-Forwarded-For`. Empty: the peer is the client.
    public var trustedProxies: Set<IPAddress> = []

    public init(
        host: String = "127.0.0.1", port: Int = 8080, labelBaseURL: String, maximumBodySize: Int = 16 * 1024,
        complaintsPerClientPerMinute: Int? = 10, complaintsPerElevatorPerHour: Int? = 30, signatureCacheSize: Int = 100_000,
        pageCacheLifetime: Duration = .zero, pageCacheBytes: Int = 128 << 20, logRequests: Bool = true,
        maximumVisitDuration: TimeInterval = MaintenanceRules.defaultMaximumDuration, allowPrivateWebhooks: Bool = false
    ) {
        self.host = host
        self.port = port
        self.labelBaseURL = labelBaseURL
        self.maximumBodySize = maximumBodySize
        self.complaintsPerClientPerMinute = complaintsPerClientPerMinute
        self.complaintsPerElevatorPerHour = complaintsPerElevatorPerHour
        self.signatureCacheSize = signatureCacheSize
        self.pageCacheLifetime = pageCacheLifetime
        self.pageCacheBytes = pageCacheBytes
        self.maximumVisitDuration = maximumVisitDuration
        self.allowPrivateWebhooks = allowPrivateWebhooks
        self.logRequests = logRequests
    }

    /// The prefix of links the server hands out, "https://lc.example.cn".
    var linkBase: String {
        var base = (publicURL ?? labelBaseURL.lowercased()).trimmed
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
