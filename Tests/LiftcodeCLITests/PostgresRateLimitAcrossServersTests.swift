import Foundation
import LiftTestSupport
import Testing

/// Issue 14: complaint rate limits on PostgreSQL are counted across servers, not per process. Each
/// passenger is a different loopback source address (curl --interface 127.0.0.N), as the servers
/// see them.
@Suite struct PostgresRateLimitAcrossServersTests {
    /// Files a complaint about N000614 from `source` on `port`; the HTTP status.
    static func file(from source: String, port: Int, problem: String = "noise") async throws -> Int {
        let body = #"{"elevator": "N000614", "category": "complaint", "problem": "\#(problem)"}"#
        let result = try await ChildProcess.run(
            "/usr/bin/curl",
            ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--interface", source, "-H", "Content-Type: application/json", "--data", body,
             "http://127.0.0.1:\(port)/api/v1/complaints"])
        return Int(result.output) ?? 0
    }

    @Test func aClientOverItsLimitOnOneServerIsRefusedOnTheOtherAndAnElevatorsAllowanceIsShared() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let database = try await PostgresTestServer.makeDatabase()
        let on = ["--database", database]
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        let imported = try await cli.run(["import", "elevators", "Samples/elevators.csv"] + on)
        #expect(imported.status == 0, "\(imported.errors)")
        let limits = ["--complaints-per-minute", "2", "--complaints-per-elevator-hour", "3"]
        let first = try ServerProcess(cli, arguments: limits + on)
        let second = try ServerProcess(cli, arguments: limits + on)
        defer {
            first.stop()
            second.stop()
        }
        #expect(try await first.get("/healthz")?.status == 200, "\(first.errors)")
        #expect(try await second.get("/healthz")?.status == 200, "\(second.errors)")

        // Windows are whole minutes of the clock: start within a minute's first half, so that the
        // four complaints below fall in one window even on a slow machine.
        while Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60) > 30 { try await Task.sleep(for: .milliseconds(200)) }
        // One client: two complaints a minute in all, whichever server takes them.
        #expect(try await Self.file(from: "127.0.0.2", port: first.port) == 201)
        #expect(try await Self.file(from: "127.0.0.2", port: second.port) == 201)
        #expect(try await Self.file(from: "127.0.0.2", port: first.port) == 429)
        #expect(try await Self.file(from: "127.0.0.2", port: second.port) == 429, "over its limit on the first, refused on the second")

        // The elevator: three distinct clients an hour in all (127.0.0.2 already counts as one).
        #expect(try await Self.file(from: "127.0.0.3", port: second.port) == 201)
        #expect(try await Self.file(from: "127.0.0.4", port: first.port) == 201)
        #expect(try await Self.file(from: "127.0.0.5", port: second.port) == 429, "a fourth client is refused, on either server")
        #expect(try await Self.file(from: "127.0.0.6", port: first.port) == 429)
        // A client already counted for the elevator still gets through (on the other server).
        #expect(try await Self.file(from: "127.0.0.3", port: first.port) == 201)
        // A trapped passenger is never refused for the elevator's sake.
        #expect(try await Self.file(from: "127.0.0.7", port: first.port, problem: "trapped") == 201)
    }

    /// Files a complaint as above, giving up after `seconds`; the status (0 when it timed out) and how long it took.
    static func timedFile(from source: String, port: Int, problem: String, seconds: Int) async throws -> (Int, Duration) {
        let body = #"{"elevator": "N000614", "category": "complaint", "problem": "\#(problem)"}"#
        let started = ContinuousClock.now
        let result = try await ChildProcess.run(
            "/usr/bin/curl",
            ["-s", "-m", String(seconds), "-o", "/dev/null", "-w", "%{http_code}", "--interface", source, "-H", "Content-Type: application/json",
             "--data", body, "http://127.0.0.1:\(port)/api/v1/complaints"])
        return (Int(result.output) ?? 0, ContinuousClock.now - started)
    }

    @Test func aTrappedPassengerIsHeardWhileTheLimitTablesAreStuck() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let database = try await PostgresTestServer.makeDatabase()
        let on = ["--database", database]
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"] + on).status == 0)
        let server = try ServerProcess(cli, arguments: ["--complaints-per-minute", "2", "--complaints-per-elevator-hour", "3"] + on)
        defer { server.stop() }
        #expect(try await server.get("/healthz")?.status == 200, "\(server.errors)")

        // Another session holds the limit tables (a stuck maintenance job, a slow database).
        let holder = Task {
            try? await PostgresTestServer.psql(
                database, "BEGIN; LOCK TABLE rateWindow, rateMember IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;")
        }
        defer { holder.cancel() }
        let locked = """
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname IN ('ratewindow', 'ratemember') AND l.mode = 'AccessExclusiveLock' AND l.granted
            """
        let deadline = ContinuousClock.now + .seconds(20)
        while try await PostgresTestServer.psql(database, locked) != "2", ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(try await PostgresTestServer.psql(database, locked) == "2")

        // Someone trapped is heard within seconds (the limit gives way); an ordinary complaint is
        // refused at once with 503 (a flood that slows the database must not switch limits off).
        let (trapped, trappedTook) = try await Self.timedFile(from: "127.0.0.2", port: server.port, problem: "trapped", seconds: 20)
        #expect(trapped == 201, "took \(trappedTook)")
        #expect(trappedTook < .seconds(10))
        let (noise, noiseTook) = try await Self.timedFile(from: "127.0.0.3", port: server.port, problem: "noise", seconds: 20)
        #expect(noise == 503, "took \(noiseTook)")
        #expect(noiseTook < .seconds(10))
        _ = try await PostgresTestServer.psql(
            database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()")

        // Once the tables are free again the limits count as before.
        #expect(try await Self.file(from: "127.0.0.4", port: server.port) == 201)
        #expect(try await Self.file(from: "127.0.0.4", port: server.port) == 201)
        #expect(try await Self.file(from: "127.0.0.4", port: server.port) == 429)
    }

    @Test func aSweepHeldUpDoesNotHoldUpAComplaint() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let database = try await PostgresTestServer.makeDatabase()
        let on = ["--database", database]
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"] + on).status == 0)
        let server = try ServerProcess(cli, arguments: ["--complaints-per-minute", "2", "--complaints-per-elevator-hour", "3"] + on)
        defer { server.stop() }
        #expect(try await server.get("/healthz")?.status == 200, "\(server.errors)")

        // Another session keeps rows of rateMember from being deleted; the server's first check sweeps.
        let holder = Task {
            try? await PostgresTestServer.psql(database, "BEGIN; LOCK TABLE rateMember IN SHARE MODE; SELECT pg_sleep(60); COMMIT;")
        }
        defer { holder.cancel() }
        let locked = """
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = 'ratemember' AND l.mode = 'ShareLock' AND l.granted
            """
        let deadline = ContinuousClock.now + .seconds(20)
        while try await PostgresTestServer.psql(database, locked) != "1", ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let (trapped, took) = try await Self.timedFile(from: "127.0.0.2", port: server.port, problem: "trapped", seconds: 20)
        #expect(trapped == 201, "took \(took)")
        #expect(took < .seconds(5))
        _ = try await PostgresTestServer.psql(
            database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()")
    }
}
