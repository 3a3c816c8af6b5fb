import ArgumentParser
import AsyncHTTPClient
import Foundation
import LiftCore
import LiftCrypto
import LiftServer
import LiftStore
import Logging

/// `liftcode serve`: the public label pages, the JSON API, complaints and the webhook outbox.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve label pages, the JSON and Open311 APIs, and deliver complaints to maintenance units.",
        discussion: "Stops gracefully on SIGINT or SIGTERM: requests in flight finish, the outbox keeps what is undelivered."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rescue: RescueOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int = 8080

    @Option(
        help: ArgumentHelp(
            "The public address, as printed in labels (env LIFTCODE_BASE_URL); labels of every base URL in the ledger are accepted too. Default: the newest batch's, else http://HOST:PORT.",
            valueName: "url"))
    var baseURL: String?

    @Option(help: "Complaints one client address may file a minute (0: no limit).")
    var complaintsPerMinute: Int = 10

    @Option(help: "Complaints one elevator may receive an hour (0: no limit).")
    var complaintsPerElevatorHour: Int = 30

    @Option(help: "Seconds a label page may be served again without a new lookup (0: always look up).")
    var pageCacheSeconds: Int = 30

    @Flag(help: "Do not log each request (for benchmarks).")
    var quiet = false

    @Option(help: "Longest maintenance visit accepted, in hours (start scan to end scan).")
    var maxVisitHours: Double = MaintenanceRules.defaultMaximumDuration / 3600

    @Option(help: "Largest request body accepted, in kilobytes.")
    var maxBodyKilobytes: Int = 16

    @Flag(help: "Deliver webhooks to loopback, link-local and private addresses too (units on this network).")
    var allowPrivateWebhooks = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        guard complaintsPerMinute >= 0, complaintsPerElevatorHour >= 0 else { throw ValidationError("rate limits must be 0 or more") }
        guard (0...3600).contains(pageCacheSeconds) else { throw ValidationError("--page-cache-seconds must be 0 to 3600") }
        guard maxVisitHours >= 1, maxVisitHours <= 72 else { throw ValidationError("--max-visit-hours must be 1 to 72") }
        guard (1...10_240).contains(maxBodyKilobytes) else { throw ValidationError("--max-body-kilobytes must be 1 to 10240") }
    }

    func run() async throws {
        let database = try await global.openStores(rescuePolicy: try rescue.policy())
        let keyRing = try await global.keyRing(stores: database)
        var logger = Logger(label: "liftcode")
        logger.logLevel = quiet ? .warning : .info
        let bases = ServedBaseURLs(
            given: baseURL ?? ProcessInfo.processInfo.environment["LIFTCODE_BASE_URL"], fallback: "http://\(host):\(port)",
            batches: try await database.batches())
        let base = bases.primary
        var configuration = ServerConfiguration(
            host: host, port: port, labelBaseURL: base,
            maximumBodySize: maxBodyKilobytes * 1024,
            complaintsPerClientPerMinute: complaintsPerMinute == 0 ? nil : complaintsPerMinute,
            complaintsPerElevatorPerHour: complaintsPerElevatorHour == 0 ? nil : complaintsPerElevatorHour,
            pageCacheLifetime: .seconds(pageCacheSeconds), logRequests: !quiet,
            maximumVisitDuration: maxVisitHours * 3600, allowPrivateWebhooks: allowPrivateWebhooks)
        configuration.otherLabelBaseURLs = bases.others
        configuration.publicURL = bases.publicURL
        var dependencies = ServerDependencies(
            registry: database, complaints: database, outbox: database, accounts: database, maintenance: database,
            supervision: database, signatures: keyRing,
            publicKeys: keyRing.publishedKeys,
            today: { ShanghaiTime.day(of: Date()) }, units: database, rescues: database)
        // Keys and revocations written by the CLI while this server runs take effect within seconds.
        let keyFolder = URL(fileURLWithPath: global.keys, isDirectory: true)
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
        dependencies.sessions = database
        dependencies.visits = database
        let httpClient = OutboxWorker.makeHTTPClient()
        let worker = OutboxWorker(outbox: database, httpClient: httpClient, logger: logger, allowPrivateAddresses: allowPrivateWebhooks)
        let watch = RescueWatch(rescues: database, logger: logger)
        let app = buildApplication(configuration, dependencies: dependencies, logger: logger, services: [worker, watch])
        if keyRing.keyIDs.isEmpty {
            logger.warning("no public keys in \(global.keys): every label will be counterfeit (liftcode keys new)")
        }
        for warning in bases.warnings { logger.warning("\(warning)") }
        print("liftcode serving \(GlobalOptions.redacted(global.database)) on http://\(host):\(port) (labels \(base)/E/…)")
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
