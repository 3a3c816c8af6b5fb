import Foundation
import LiftTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Issue 14: on PostgreSQL a trust change made anywhere (here with the CLI) is announced with
/// NOTIFY and reaches every running server well within a second, page cache included. The
/// servers run with their fallback poll an hour apart and their page cache ten minutes long, so
/// only the announcement can explain a change seen within a second.
@Suite struct PostgresTrustNotifyTests {
    /// Servers that hear announcements only: the poll and the page cache cannot explain a change.
    static let announcementsOnly = ["--trust-check-seconds", "3600", "--page-cache-seconds", "600", "--complaints-per-minute", "0"]
    static let base = ["--base-url", "https://lc.example.cn"]

    /// A database with key K1 and labels of N000614 and N006109 issued on it; the labels' codes.
    static func world(_ cli: CLIRunner) async throws -> (database: String, codes: [String]) {
        let database = try await PostgresTestServer.makeDatabase()
        let on = ["--database", database]
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        let imported = try await cli.run(["import", "elevators", "Samples/elevators.csv"] + on)
        #expect(imported.status == 0, "\(imported.errors)")
        let issued = try await cli.run(["labels", "issue", "--district", "0", "--numbers", "N000614,N006109"] + base + on)
        #expect(issued.status == 0, "\(issued.errors)")
        let codes = try cli.manifestCodes()
        #expect(codes.count == 2)
        return (database, codes)
    }

    /// The process ids of the servers' LISTEN connections on `database`.
    static func listeners(_ database: String) async throws -> [String] {
        try await PostgresTestServer.psql(
            database, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'liftcode trust listener' ORDER BY pid"
        ).split(separator: "\n").map(String.init)
    }

    /// Waits until `condition` holds (checked every 10 ms), at most `seconds`; how long it took.
    static func until(seconds: Double = 30, _ condition: () async throws -> Bool) async rethrows -> Duration? {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(seconds) {
            if try await condition() { return ContinuousClock.now - started }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// The status of a label's HTML page on a server.
    static func pageStatus(_ code: String, on server: ServerProcess) async throws -> Int? {
        let path = String(code[code.range(of: "/E/")!.lowerBound...])
        return try await server.get(path)?.status
    }

    /// The key ids `GET /api/v1/keys` publishes.
    static func publishedKeys(on server: ServerProcess) async throws -> [String] {
        guard let answer = try await server.get("/api/v1/keys"),
            let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
            let list = object["keys"] as? [[String: Any]]
        else { return [] }
        return list.compactMap { $0["id"] as? String }
    }

    @Test func labelAndKeyChangesReachBothServersWellWithinASecond() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let (database, codes) = try await Self.world(cli)
        let on = ["--database", database]
        let first = try ServerProcess(cli, arguments: Self.announcementsOnly + Self.base + on)
        let second = try ServerProcess(cli, arguments: Self.announcementsOnly + Self.base + on)
        defer {
            first.stop()
            second.stop()
        }
        // Both pages served and cached on both servers, and both servers listening.
        for server in [first, second] {
            #expect(try await Self.pageStatus(codes[0], on: server) == 200, "\(server.errors)")
            #expect(await LiveTrustTests.outcome(of: codes[0], port: server.port) == "genuine")
            #expect(await LiveTrustTests.outcome(of: codes[1], port: server.port) == "genuine")
        }
        #expect(try await Self.until { try await Self.listeners(database).count == 2 } != nil, "each server listens on its own connection")

        // A label revoked with the CLI: the cached page and answer change on both servers.
        let label = String(codes[0].split(separator: "/").last!.prefix(9))
        let revoked = try await cli.run(["labels", "revoke", label, "--reason", "torn off"] + on)
        #expect(revoked.status == 0, "\(revoked.errors)")
        let onSecond = await Self.until { await LiveTrustTests.outcome(of: codes[0], port: second.port) == "revoked" }
        let onFirst = await Self.until { await LiveTrustTests.outcome(of: codes[0], port: first.port) == "revoked" }
        #expect(try await Self.pageStatus(codes[0], on: second) == 410, "the page cached before is no longer served")
        #expect(try await Self.pageStatus(codes[0], on: first) == 410)

        // A key revoked with the CLI: its other label becomes counterfeit on both.
        let keyRevoked = try await cli.run(["keys", "revoke", "K1"] + on)
        #expect(keyRevoked.status == 0, "\(keyRevoked.errors)")
        let distrusted = await Self.until { await LiveTrustTests.outcome(of: codes[1], port: second.port) == "counterfeit" }
        #expect(await Self.until { await LiveTrustTests.outcome(of: codes[1], port: first.port) == "counterfeit" } != nil)

        // A key added with the CLI: published by both servers.
        let added = try await cli.run(["keys", "new", "--id", "K2"] + on)
        #expect(added.status == 0 && !added.errors.contains("not told"), "\(added.errors)")
        let trusted = try await Self.until { try await Self.publishedKeys(on: second).contains("K2") }
        #expect(try await Self.until { try await Self.publishedKeys(on: first).contains("K2") } != nil)

        let second1 = Duration.seconds(1)
        print(
            "postgres NOTIFY: label revocation seen after \(onSecond.map { "\($0)" } ?? "-") (other server \(onFirst.map { "\($0)" } ?? "-")), "
                + "key revocation after \(distrusted.map { "\($0)" } ?? "-"), key addition after \(trusted.map { "\($0)" } ?? "-")")
        for delay in [onSecond, distrusted, trusted] {
            #expect(delay != nil && delay! < second1, "seen within a second of the CLI's exit, not at the next poll: \(String(describing: delay))")
        }
    }

    @Test func aDroppedListenConnectionIsReplacedAndWhatItMissedIsFound() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let (database, codes) = try await Self.world(cli)
        let server = try ServerProcess(cli, arguments: Self.announcementsOnly + Self.base + ["--database", database])
        defer { server.stop() }
        #expect(try await server.get("/healthz")?.status == 200, "\(server.errors)")
        #expect(await LiveTrustTests.outcome(of: codes[0], port: server.port) == "genuine")
        var listening: [String] = []
        #expect(try await Self.until { listening = try await Self.listeners(database); return listening.count == 1 } != nil)

        // A revocation written without an announcement (as if the notification was lost with the
        // connection): the cached answer stands, then the connection drops.
        _ = try await PostgresTestServer.psql(
            database, "UPDATE label SET status = 'revoked', revokedReason = 'silent', revokedAt = now() WHERE number = 614")
        #expect(await LiveTrustTests.outcome(of: codes[0], port: server.port) == "genuine", "still the cached answer")
        _ = try await PostgresTestServer.psql(
            database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'liftcode trust listener'")

        // The server listens again on a new connection and checks what it missed.
        let relistened = try await Self.until { let now = try await Self.listeners(database); return now.count == 1 && now != listening }
        #expect(relistened != nil, "a new LISTEN connection")
        let found = await Self.until { await LiveTrustTests.outcome(of: codes[0], port: server.port) == "revoked" }
        #expect(found != nil, "the check after reconnecting finds the revocation")
        #expect(await Self.until(seconds: 5) { server.output.contains("listening for trust changes again") || server.errors.contains("listening for trust changes again") } != nil,
            "the loss and the recovery are logged: \(server.output)\(server.errors)")

        // Announcements work again on the new connection.
        let key = try await cli.run(["keys", "revoke", "K1", "--database", database])
        #expect(key.status == 0, "\(key.errors)")
        let distrusted = await Self.until { await LiveTrustTests.outcome(of: codes[1], port: server.port) == "counterfeit" }
        #expect(distrusted != nil && distrusted! < .seconds(1), "\(String(describing: distrusted))")
        print("postgres NOTIFY after a dropped connection: key revocation seen after \(distrusted.map { "\($0)" } ?? "-")")
    }
}
