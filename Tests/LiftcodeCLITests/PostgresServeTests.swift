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
        // Nor in --help when the address comes from the environment, nor from an address in
        // capitals (once a SQLite file named after it) or one that does not parse.
        let help = try await ChildProcess.run(
            "/usr/bin/env", ["LIFTCODE_DATABASE=postgres://lc:hunter2@db.example/lift", cli.executable.path, "labels", "list", "--help"])
        #expect(help.output.contains("--database") && !help.output.contains("hunter2"), "\(help.output)")
        let capitals = try await cli.run(["labels", "list", "--database", "POSTGRES://liftcode:hunter2@127.0.0.1:\(server.port)/no_such_db"])
        #expect(capitals.status == 1 && capitals.errors.contains("no_such_db") && !capitals.errors.contains("hunter2"), "\(capitals.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("POSTGRES:").path), "no SQLite file made of it")
        let unparsed = try await cli.run(["labels", "list", "--database", "postgres://lc:hun#ter2@127.0.0.1/lift"])
        #expect(unparsed.status == 64 && !unparsed.errors.contains("ter2"), "\(unparsed.errors)")
    }
}

/// The staff console behind a load balancer: a session opened on one server is honoured by the
/// other, and failed sign-ins are counted across both.
@Suite struct PostgresConsoleAcrossServersTests {
    /// `curl -i` of a request: the status line, the cookies it sets, and the body.
    static func curl(_ url: String, cookie: String? = nil, form: [(String, String)] = []) async throws -> (status: Int, cookies: [String: String], body: String) {
        var arguments = ["-s", "-i", url]
        if let cookie { arguments += ["-H", "Cookie: \(cookie)"] }
        for (name, value) in form { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        let text = try await ChildProcess.run("/usr/bin/curl", arguments).output
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        var cookies: [String: String] = [:]
        for line in text.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("set-cookie:") {
            let pair = line.dropFirst("set-cookie:".count).trimmingCharacters(in: .whitespaces).split(separator: ";")[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { cookies[String(parts[0])] = String(parts[1]) }
        }
        return (status, cookies, text)
    }

    @Test func aSessionOpenedOnOneServerWorksOnTheOtherAndLockOutsAreShared() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let database = try await PostgresTestServer.makeDatabase()
        let password = "correct-horse-42"
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        let added = try await cli.run(["accounts", "add", "--role", "admin", "--login", "chief", "--password-stdin", "--database", database], input: password + "\n")
        #expect(added.status == 0, "\(added.errors)")
        let first = try ServerProcess(cli, arguments: ["--database", database])
        let second = try ServerProcess(cli, arguments: ["--database", database])
        defer {
            first.stop()
            second.stop()
        }
        #expect(try await first.get("/healthz")?.status == 200, "\(first.errors)")
        #expect(try await second.get("/healthz")?.status == 200, "\(second.errors)")
        let one = "http://127.0.0.1:\(first.port)"
        let two = "http://127.0.0.1:\(second.port)"

        // The sign-in form's token (double-submitted: cookie and field), then sign in on the first.
        let form = try await Self.curl(one + "/console/")
        let token = try #require(form.cookies["liftcode_signin"])
        let formCookie = "liftcode_signin=\(token)"
        let signedIn = try await Self.curl(
            one + "/console/sign-in", cookie: formCookie, form: [("csrf", token), ("login", "chief"), ("password", password)])
        #expect((300..<400).contains(signedIn.status), "\(signedIn.body)")
        let session = try #require(signedIn.cookies.first { $0.key != "liftcode_signin" && !$0.value.isEmpty })
        let onSecond = try await Self.curl(two + "/console/accounts", cookie: "\(session.key)=\(session.value)")
        #expect(onSecond.status == 200, "the other server knows the session: \(onSecond.body.prefix(300))")
        let stranger = try await Self.curl(two + "/console/accounts", cookie: "\(session.key)=forged")
        #expect(stranger.status != 200, "a made-up session opens nothing")

        // Wrong passwords alternately on both servers: the login is locked on both.
        var statuses: [Int] = []
        for attempt in 0..<5 {
            let server = attempt % 2 == 0 ? one : two
            statuses.append(
                try await Self.curl(server + "/console/sign-in", cookie: formCookie, form: [("csrf", token), ("login", "chief"), ("password", "wrong-\(attempt)-guess")]).status)
        }
        #expect(statuses.last == 429, "\(statuses)")
        let locked = try await Self.curl(
            two + "/console/sign-in", cookie: formCookie, form: [("csrf", token), ("login", "chief"), ("password", password)])
        #expect(locked.status == 429, "even the right password waits out the lock on every server")
    }
}
