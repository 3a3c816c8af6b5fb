import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftCrypto
import LiftServer
import LiftStore
import LiftTestSupport
import Logging

/// The shared sample world (``SampleWorld``) with what route tests add: applications built over
/// it, and tokens.
@dynamicMemberLookup
struct TestWorld {
    static let base = SampleWorld.base
    static let unitA = SampleWorld.unitA
    static let unitB = SampleWorld.unitB
    static let today = SampleWorld.today

    let sample: SampleWorld

    init() async throws {
        sample = try await SampleWorld()
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<SampleWorld, Value>) -> Value { sample[keyPath: keyPath] }

    func path(_ number: NNumber, serial: Int = 1) throws -> String { try sample.path(number, serial: serial) }
    func code(_ number: NNumber, serial: Int = 1) throws -> String { try sample.code(number, serial: serial) }
    func counterfeitPath() throws -> String { try sample.counterfeitPath() }

    func configuration(perClient: Int? = 10, perElevator: Int? = 30) -> ServerConfiguration {
        ServerConfiguration(labelBaseURL: Self.base, complaintsPerClientPerMinute: perClient, complaintsPerElevatorPerHour: perElevator, logRequests: false)
    }

    /// - Parameter now: the server's clock (uploads are stamped with it); the real one by default.
    func app(perClient: Int? = 10, perElevator: Int? = 30, now: @escaping @Sendable () -> Date = { Date() }) -> some ApplicationProtocol {
        let dependencies = ServerDependencies(
            registry: sample.database, complaints: sample.database, outbox: sample.database, accounts: sample.database, maintenance: sample.database, supervision: sample.database,
            signatures: sample.keyRing,
            publicKeys: [PublishedKey(id: "K1", status: .active, pem: try! sample.keyRing.publicKeys["K1"]!.pemRepresentation)],
            today: { Self.today }, now: now, units: sample.database, rescues: sample.database)
        return buildApplication(configuration(perClient: perClient, perElevator: perElevator), dependencies: dependencies, logger: Logger(label: "test"))
    }

    /// The server's dependencies over this world's database and keys.
    func dependencies(now: @escaping @Sendable () -> Date = { Date() }) -> ServerDependencies {
        ServerDependencies(
            registry: sample.database, complaints: sample.database, outbox: sample.database, accounts: sample.database, maintenance: sample.database, supervision: sample.database,
            signatures: sample.keyRing,
            publicKeys: [PublishedKey(id: "K1", status: .active, pem: try! sample.keyRing.publicKeys["K1"]!.pemRepresentation)],
            today: { Self.today }, now: now, units: sample.database, rescues: sample.database)
    }

    /// The application with a configuration of the test's own.
    func app(configuration: ServerConfiguration) -> some ApplicationProtocol {
        buildApplication(configuration, dependencies: dependencies(), logger: Logger(label: "test"))
    }

    /// An application whose page cache (30 s, `bytes` large) the test can look into.
    func appWithPageCache(bytes: Int) -> (application: some ApplicationProtocol, pageCache: PageCache) {
        var configuration = configuration()
        configuration.pageCacheLifetime = .seconds(30)
        configuration.pageCacheBytes = bytes
        let pageCache = PageCache(maximumBytes: bytes, lifetime: .seconds(30))
        let keys = TrustedKeys(sample.keyRing, published: [])
        let router = buildRouter(configuration, dependencies: dependencies(), metrics: ServerMetrics(), logger: Logger(label: "test"), keys: keys, pageCache: pageCache)
        return (Application(router: router), pageCache)
    }

    /// Adds an account and returns its token.
    func token(_ account: Account) async throws -> String {
        let token = try AccessToken.generate()
        _ = try await sample.database.addAccount(account, tokenHash: AccessToken.hash(token))
        return token
    }
}

extension HTTPFields {
    static let json: HTTPFields = [.accept: "application/json", .contentType: "application/json"]
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
    /// The body as a JSON object, empty when it is not one (so expectations on it fail).
    var object: [String: Any] { (try? json()) ?? [:] }
    /// The body as a JSON array, empty when it is not one.
    var array: [[String: Any]] { (try? jsonArray()) ?? [] }
    func jsonArray() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }
}
