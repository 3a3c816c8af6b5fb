import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Why a live test could not run.
enum CLIRunnerError: Error {
    case serverDidNotStart
}

/// Issue 10, point 11: what the CLI changes reaches a running `liftcode serve` within 5 seconds,
/// without a restart and through its page cache.
@Suite struct LiveTrustTests {
    /// A port nobody listens on now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// How long a live test waits for a change to show (the server checks every second).
    static let patience = 30.0

    /// A session that keeps no cache of its own, so every answer is the server's.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }()

    /// The verification outcome the server answers for a code, or nil while it does not answer.
    static func outcome(of code: String, port: Int) async -> String? {
        guard let path = code.range(of: "/E/").map({ String(code[$0.lowerBound...]) }),
            let url = URL(string: "http://127.0.0.1:\(port)\(path)")
        else { return nil }
        var request = URLRequest(url: url)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.cachePolicy = .reloadIgnoringLocalCacheData
        guard let (data, _) = try? await session.data(for: request),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["outcome"] as? String
    }

    /// Starts `liftcode serve` on a free port and waits until it answers. A port found free may be
    /// taken by another test before the server binds it, so it tries again on another.
    static func startServer(_ cli: CLIRunner, _ arguments: [String]) async throws -> (Process, Int) {
        for _ in 0..<5 {
            let port = try freePort()
            let started = try cli.start(["serve", "--port", String(port)] + arguments)
            if await waitUntilServing(started, port: port) { return (started, port) }
            started.terminate()
        }
        throw CLIRunnerError.serverDidNotStart
    }

    /// Waits until the server answers /healthz (true) or exits (false), at most a minute.
    static func waitUntilServing(_ server: Process, port: Int) async -> Bool {
        let started = ContinuousClock.now
        while server.isRunning && ContinuousClock.now - started < .seconds(60) {
            if let url = URL(string: "http://127.0.0.1:\(port)/healthz"), let (_, response) = try? await session.data(from: url),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return true
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits up to `seconds` for the server to answer `expected`; returns how long it took.
    static func wait(for expected: String, code: String, port: Int, seconds: Double) async -> Duration? {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(seconds) {
            if await outcome(of: code, port: port) == expected { return ContinuousClock.now - started }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test func revocationsAndNewKeysReachARunningServerWithinFiveSeconds() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        // Labels carry the deployment's public address; the server listens on a free loopback port.
        let base = ["--base-url", "https://lc.example.cn"]
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        let registry = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples/elevators.csv")
        await #expect(try cli.run(["import", "elevators", registry.path]).status == 0)
        await #expect(try cli.run(["labels", "issue", "--district", "0", "--numbers", "N000614,N006109"] + base).status == 0)
        let codes = try cli.manifestCodes()
        #expect(codes.count == 2)
        // The default page cache (30 s) is on: the server must still change its answer.
        let (running, port) = try await Self.startServer(cli, base)
        defer { running.terminate() }
        #expect(await Self.wait(for: "genuine", code: codes[0], port: port, seconds: 30) != nil)
        #expect(await Self.outcome(of: codes[1], port: port) == "genuine")

        // A label revoked with the CLI.
        await #expect(try cli.run(["labels", "revoke", String(codes[0].split(separator: "/").last!.prefix(9)), "--reason", "torn off"]).status == 0)
        // The server checks every second, so on a quiet machine each change shows within about one;
        // the waits allow a machine loaded by the rest of the suite far more, and print how long it took.
        let revoked = await Self.wait(for: "revoked", code: codes[0], port: port, seconds: Self.patience)
        #expect(revoked != nil, "a revoked label shows as revoked without a restart")

        // A key added with the CLI, and a label it signs.
        await #expect(try cli.run(["keys", "new", "--id", "K2"]).status == 0)
        await #expect(try cli.run(["labels", "issue", "--district", "0", "--numbers", "N000618", "--key", "K2"] + base).status == 0)
        let k2Code = try #require(try cli.manifestCodes().first { $0.contains("-K2-") })
        let trusted = await Self.wait(for: "genuine", code: k2Code, port: port, seconds: Self.patience)
        #expect(trusted != nil, "a new key is trusted without a restart")

        // A key revoked with the CLI: its labels become counterfeit.
        await #expect(try cli.run(["keys", "revoke", "K1"]).status == 0)
        let distrusted = await Self.wait(for: "counterfeit", code: codes[1], port: port, seconds: Self.patience)
        #expect(distrusted != nil, "a revoked key is distrusted without a restart")
        print("live trust: label revocation after \(revoked.map { "\($0)" } ?? "-"), new key after \(trusted.map { "\($0)" } ?? "-"), key revocation after \(distrusted.map { "\($0)" } ?? "-")")
        #expect(await Self.outcome(of: k2Code, port: port) == "genuine")
    }
}
