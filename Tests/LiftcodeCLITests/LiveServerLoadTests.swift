import Foundation
import LiftTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A running `liftcode serve` under the mix of public requests that once hung it for good (each
/// kind alone was fine; together they held every cooperative thread): it keeps answering, and it
/// still stops promptly on SIGTERM.
@Suite struct LiveServerLoadTests {
    @Test func aMixOfConcurrentPublicRequestsNeverHangsTheServer() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let base = ["--base-url", "https://lc.example.cn"]
        await #expect(try cli.run(["keys", "new", "--id", "K1"]).status == 0)
        let registry = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples/elevators.csv")
        await #expect(try cli.run(["import", "elevators", registry.path]).status == 0)
        await #expect(try cli.run(["labels", "issue", "--district", "0", "--numbers", "N000614"] + base).status == 0)
        let code = try #require(try cli.manifestCodes().first)
        let (running, port) = try await LiveTrustTests.startServer(cli, ["--complaints-per-minute", "0"] + base)
        defer { if running.isRunning { running.terminate() } }
        let root = "http://127.0.0.1:\(port)"

        // A few complaints, for tickets to read.
        var tickets: [String] = []
        for _ in 0..<3 {
            var request = URLRequest(url: URL(string: root + "/api/v1/complaints")!)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(#"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#.utf8)
            let (data, _) = try await LiveTrustTests.session.data(for: request)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            tickets.append(try #require(object?["ticket"] as? String))
        }
        let labelPath = String(code[code.range(of: "/E/")!.lowerBound...])
        let paths = ["/api/v1/elevators/N000614", "/open311/v2/requests.json", "/T/\(tickets[0])", labelPath, "/T/\(tickets[1])?lang=en"]
        // 128 requests, 32 at a time, as the review sent them.
        let answered = await withTaskGroup(of: Bool.self) { group in
            var answered = 0
            var sent = 0
            func send() {
                let path = paths[sent % paths.count]
                sent += 1
                group.addTask {
                    var request = URLRequest(url: URL(string: root + path)!)
                    request.timeoutInterval = 60
                    return (try? await LiveTrustTests.session.data(for: request)) != nil
                }
            }
            for _ in 0..<32 { send() }
            while let ok = await group.next() {
                if ok { answered += 1 }
                if sent < 128 { send() }
            }
            return answered
        }
        #expect(answered == 128)
        #expect(await LiveTrustTests.waitUntilServing(running, port: port), "still answering afterwards")

        // A request line the HTTP parser cannot read (raw UTF-8, as curl sends it) gets a 400 that says why.
        let answer = try await ChildProcess.run("/usr/bin/curl", ["-s", "-i", root + "/api/v1/regulator/elevators?street=文峰街道"]).output
        #expect(answer.hasPrefix("HTTP/1.1 400"))
        #expect(answer.contains("percent-encode"), "\(answer)")

        // SIGTERM stops it promptly.
        let stopping = ContinuousClock.now
        running.terminate()
        while running.isRunning && ContinuousClock.now - stopping < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!running.isRunning, "stopped on SIGTERM")
    }
}
