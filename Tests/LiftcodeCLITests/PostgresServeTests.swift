import Foundation
import LiftTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `liftcode` executable on PostgreSQL (the tests' private server): the registry
/// imported, labels issued and `serve` answering from the same database, end to end; and two
/// servers on one database see each other's complaints.
@Suite struct PostgresServeTests {
    @Test func importIssueAndServeOnPostgreSQL() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let database = try await PostgresTestServer.makeDatabase()
        let base = ["--base-url", "https://lc.example.cn"]
        let on = ["--database", database]
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        let imported = try await cli.run(["import", "elevators", "Samples/elevators.csv"] + on)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(!imported.output.contains("liftcode.sqlite"))
        let issued = try await cli.run(["labels", "issue", "--district", "0", "--numbers", "N000614"] + base + on)
        #expect(issued.status == 0, "\(issued.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.url("liftcode.sqlite").path), "nothing went to SQLite")
        let code = try #require(try cli.manifestCodes().first)
        let labelPath = String(code[code.range(of: "/E/")!.lowerBound...])

        let first = try ServerProcess(cli, arguments: ["--complaints-per-minute", "0"] + base + on)
        let second = try ServerProcess(cli, arguments: ["--complaints-per-minute", "0"] + base + on)
        defer {
            first.stop()
            second.stop()
        }
        let page = try #require(try await first.get(labelPath), "the label page answers: \(first.errors)")
        #expect(page.status == 200)
        #expect(page.body.contains("N000614"))

        // A complaint filed on one server is read back on the other.
        let filed = try #require(
            try await first.send(
                "/api/v1/complaints", method: "POST", headers: ["Content-Type": "application/json"],
                body: Data(#"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#.utf8)))
        #expect(filed.status == 201, "\(filed.body)")
        let object = try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any]
        let ticket = try #require(object?["ticket"] as? String)
        let readBack = try #require(try await second.get("/T/\(ticket)?lang=en"))
        #expect(readBack.status == 200)
        #expect(readBack.body.contains(ticket))

        // A label revoked with the CLI on the shared database: both servers (page cache on) refuse it.
        #expect(await LiveTrustTests.outcome(of: code, port: second.port) == "genuine")
        let label = String(code.split(separator: "/").last!.prefix(9))
        await #expect(try cli.run(["labels", "revoke", label, "--reason", "torn off"] + on).status == 0)
        let onFirst = await LiveTrustTests.wait(for: "revoked", code: code, port: first.port, seconds: LiveTrustTests.patience)
        let onSecond = await LiveTrustTests.wait(for: "revoked", code: code, port: second.port, seconds: LiveTrustTests.patience)
        #expect(onFirst != nil && onSecond != nil, "every server sees the revocation without a restart")
        print("postgres: revocation seen by server 1 after \(onFirst.map { "\($0)" } ?? "-"), server 2 after \(onSecond.map { "\($0)" } ?? "-")")

        // The CLI reads the same database: the batch it issued is listed.
        let listed = try await cli.run(["labels", "list"] + on)
        #expect(listed.status == 0 && listed.output.contains("N000614"), "\(listed.output)\(listed.errors)")
    }

    @Test func aBadOrUnreachableDatabaseAddressIsRefusedClearly() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let malformed = try await cli.run(["labels", "list", "--database", "postgres://127.0.0.1/liftcode"])
        #expect(malformed.status == 64)
        #expect(malformed.errors.contains("names no user"), "\(malformed.errors)")
        let server = try await PostgresTestServer.shared()
        let missing = try await cli.run(["labels", "list", "--database", "postgres://liftcode:hunter2@127.0.0.1:\(server.port)/no_such_db"])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("no_such_db"), "\(missing.errors)")
        #expect(!missing.errors.contains("hunter2"), "a password never shows")
    }
}
