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
}
