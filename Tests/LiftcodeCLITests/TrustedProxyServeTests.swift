import Foundation
import LiftTestSupport
import Testing

/// `serve --trusted-proxy` on a server listening on every address (`--host ::`): a proxy on
/// 127.0.0.1 reaches it as ::ffff:127.0.0.1, and is still the trusted proxy, so each passenger it
/// forwards has a budget of their own.
@Suite struct TrustedProxyServeTests {
    /// Files a suggestion about N000614 through the "proxy" (curl from 127.0.0.1), forwarded for `client`.
    static func file(forwardedFor client: String, port: Int) async throws -> Int {
        let body = #"{"elevator": "N000614", "category": "suggestion", "problem": "other"}"#
        let result = try await ChildProcess.run(
            "/usr/bin/curl",
            ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/json", "-H", "X-Forwarded-For: \(client)",
             "--data", body, "http://127.0.0.1:\(port)/api/v1/complaints"])
        return Int(result.output) ?? 0
    }

    @Test func aDualStackServerKnowsItsIPv4ProxyAndCountsEachForwardedClientApart() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        let imported = try await cli.run(["import", "elevators", "Samples/elevators.csv"])
        #expect(imported.status == 0, "\(imported.errors)")
        let server = try ServerProcess(cli, arguments: ["--host", "::", "--trusted-proxy", "127.0.0.1", "--complaints-per-minute", "1"])
        defer { server.stop() }
        #expect(try await server.get("/healthz")?.status == 200, "\(server.errors)")
        #expect(try await Self.file(forwardedFor: "203.0.113.5", port: server.port) == 201)
        #expect(try await Self.file(forwardedFor: "203.0.113.6", port: server.port) == 201, "another passenger behind the proxy")
        #expect(try await Self.file(forwardedFor: "203.0.113.5", port: server.port) == 429)
        // The same passenger in the mapped form a dual-stack proxy writes: the same budget.
        #expect(try await Self.file(forwardedFor: "::ffff:203.0.113.6", port: server.port) == 429)
    }
}
