import AsyncHTTPClient
import Foundation
import LiftCore
import LiftCrypto
import LiftServer
import LiftStore
import Logging

/// The server that `serve` runs and `demo` starts, settled once from typed values: the files it
/// serves from and the server's configuration. Neither command builds the other's command line.
struct ServerLaunch {
    /// Seconds a label page may be served again without a new lookup, unless told otherwise.
    static let standardPageCacheSeconds = 30

    /// The database file.
    var database: String
    /// The key folder.
    var keys: String
    var rescuePolicy: RescuePolicy
    /// Host, port and limits. Its label base URLs are settled when the server starts: the one
    /// given, else the newest batch's, else http://HOST:PORT; the ledger's others are accepted too.
    var configuration: ServerConfiguration
    /// The public address given (--base-url or LIFTCODE_BASE_URL).
    var baseURL: String?

    /// A launch on `host` and `port` with the standard limits.
    init(database: String, keys: String, rescuePolicy: RescuePolicy, host: String, port: Int, baseURL: String?) {
        self.database = database
        self.keys = keys
        self.rescuePolicy = rescuePolicy
        configuration = ServerConfiguration(
            host: host, port: port, labelBaseURL: "http://\(host):\(port)", pageCacheLifetime: .seconds(Self.standardPageCacheSeconds))
        self.baseURL = baseURL
    }

    /// Opens the database and the keys and serves until SIGINT or SIGTERM.
    func run() async throws {
        let database = try await GlobalOptions.openStores(at: self.database, rescuePolicy: rescuePolicy)
        let keyRing = try await GlobalOptions.keyRing(folder: keys, stores: database)
        // The request log writes a line per answer: gathered and written a few times a second.
        let logOutput = LogOutputBuffer()
        defer { logOutput.flush() }
        var logger = Logger(label: "liftcode") { label in BufferedLogHandler(label: label, output: logOutput) }
        logger.logLevel = configuration.logRequests ? .info : .warning
        let host = configuration.host
        let port = configuration.port
        let bases = ServedBaseURLs(given: baseURL, fallback: "http://\(host):\(port)", batches: try await database.batches())
        let base = bases.primary
        var configuration = configuration
        configuration.labelBaseURL = base
        configuration.otherLabelBaseURLs = bases.others
        configuration.publicURL = bases.publicURL
        var dependencies = ServerDependencies(
            registry: database, complaints: database, outbox: database, accounts: database, maintenance: database,
            supervision: database, signatures: keyRing,
            publicKeys: keyRing.publishedKeys,
            today: { ShanghaiTime.day(of: Date()) }, units: database, rescues: database)
        // Keys and revocations written by the CLI while this server runs take effect within seconds.
        let keyFolder = URL(fileURLWithPath: keys, isDirectory: true)
        dependencies.trustStamp = { try await database.trustStamp() + "; folder " + KeyRing.folderStamp(keyFolder) }
        dependencies.reloadKeys = { () async throws -> (any SignatureChecking, [PublishedKey]) in
            // Off the cooperative threads: reading key files blocks.
            let statuses = try await database.keyStatuses()
            let ring = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try KeyRing(directory: keyFolder, statuses: statuses) })
                }
            }
            return (ring, ring.publishedKeys)
        }
        // PostgreSQL announces trust changes as they commit: every server reloads at once.
        dependencies.trustChanges = database as? any TrustChangeFeed
        // PostgreSQL counts complaint limits in the database: one budget across every server.
        dependencies.rateLimits = database as? any RateLimitStore
        dependencies.sessions = database
        dependencies.visits = database
        let httpClient = OutboxWorker.makeHTTPClient()
        let worker = OutboxWorker(outbox: database, httpClient: httpClient, logger: logger, allowPrivateAddresses: configuration.allowPrivateWebhooks)
        let watch = RescueWatch(rescues: database, logger: logger)
        let app = buildApplication(configuration, dependencies: dependencies, logger: logger, services: [worker, watch])
        if keyRing.keyIDs.isEmpty {
            logger.warning("no public keys in \(keys): every label will be counterfeit (liftcode keys new)")
        }
        for warning in bases.warnings { logger.warning("\(warning)") }
        print("liftcode serving \(GlobalOptions.redacted(self.database)) on http://\(host):\(port) (labels \(base)/E/…)")
        for note in bases.notes { print("  \(note)") }
        // A file or a pipe is block-buffered: without this, a service manager's log would show the
        // lines above only when the server exits.
        fflush(nil)
        do {
            try await app.runService()
        } catch {
            try? await httpClient.shutdown()
            if "\(error)".contains("Address already in use") {
                throw CommandFailure("cannot listen on \(host):\(port): another program already uses that port (stop it, or choose one with --port)")
            }
            throw error
        }
        try await httpClient.shutdown()
    }
}
