import ArgumentParser
import Foundation
import LiftCore
import LiftServer

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
    var pageCacheSeconds: Int = ServerLaunch.standardPageCacheSeconds

    @Option(help: "Seconds between checks for new keys and revocations (on PostgreSQL a fallback: changes are announced at once).")
    var trustCheckSeconds: Int = 1

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "The address of a reverse proxy in front (nginx): for its requests the client is the one its X-Forwarded-For names. Repeat for several.",
            valueName: "ip"))
    var trustedProxies: [String] = []

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
        guard (1...3600).contains(trustCheckSeconds) else { throw ValidationError("--trust-check-seconds must be 1 to 3600") }
        guard maxVisitHours >= 1, maxVisitHours <= 72 else { throw ValidationError("--max-visit-hours must be 1 to 72") }
        guard (1...10_240).contains(maxBodyKilobytes) else { throw ValidationError("--max-body-kilobytes must be 1 to 10240") }
        for proxy in trustedProxies where IPAddress(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is not an IP address (write it as 127.0.0.1 or ::1)")
        }
    }

    func run() async throws {
        var launch = ServerLaunch(
            database: global.database, keys: global.keys, rescuePolicy: try rescue.policy(), host: host, port: port,
            baseURL: baseURL ?? ProcessInfo.processInfo.environment["LIFTCODE_BASE_URL"])
        launch.configuration.maximumBodySize = maxBodyKilobytes * 1024
        launch.configuration.complaintsPerClientPerMinute = complaintsPerMinute == 0 ? nil : complaintsPerMinute
        launch.configuration.complaintsPerElevatorPerHour = complaintsPerElevatorHour == 0 ? nil : complaintsPerElevatorHour
        launch.configuration.pageCacheLifetime = .seconds(pageCacheSeconds)
        launch.configuration.logRequests = !quiet
        launch.configuration.trustCheckInterval = .seconds(trustCheckSeconds)
        launch.configuration.maximumVisitDuration = maxVisitHours * 3600
        launch.configuration.allowPrivateWebhooks = allowPrivateWebhooks
        launch.configuration.trustedProxies = Set(trustedProxies.compactMap { IPAddress($0)?.unmapped })
        try await launch.run()
    }
}
