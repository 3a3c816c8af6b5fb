import Foundation
import LiftTestSupport
import Testing

/// `scripts/cluster-demo`, run as CI runs it: `--check` starts a private PostgreSQL, the demo data
/// in it, two `liftcode serve` nodes and nginx in front, files a complaint through nginx, stops
/// node 1 and reads the complaint and a label page back through nginx, then stops everything.
/// Needs Debian's postgresql and nginx (`make test-deps`).
@Suite struct ClusterDemoTests {
    static let script = ReadmeWalkthroughTests.project.appendingPathComponent("scripts/cluster-demo").path

    @Test func theClusterLosesNothingWhenANodeStopsAndLeavesNothingRunning() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-cluster-test-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cluster = folder.appendingPathComponent("cluster")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("liftcode")
        let run = try await ChildProcess.run(
            "/usr/bin/timeout", ["120", "bash", Self.script, "--check", "--dir", cluster.path, "--port", String(try ServerProcess.freePort())],
            environment: ["LIFTCODE_BIN": executable.path], removing: ["LIFTCODE_DATABASE", "LIFTCODE_BASE_URL", "PGPASSWORD"])
        let logs = ["node1.log", "node2.log", "postgres.log", "nginx-error.log"].map { name in
            "\(name):\n" + ((try? String(contentsOf: cluster.appendingPathComponent(name), encoding: .utf8)) ?? "(none)").suffix(1500)
        }
        #expect(run.status == 0, "the check failed:\n\(run.output)\n\(run.errors)\n\(logs.joined(separator: "\n"))")
        for step in ["complaint filed through nginx", "node 1 stopped", "with node 1 stopped: the ticket page and the label page",
            "with node 1 stopped: a complaint filed through nginx: 201", "cluster check passed"]
        {
            #expect(run.output.contains(step), "\(step) in:\n\(run.output)")
        }

        // The password made for the run never shows.
        let password = try String(contentsOf: cluster.appendingPathComponent("postgres-password"), encoding: .utf8)
        #expect(password.count >= 20)
        #expect(!run.output.contains(password) && !run.errors.contains(password))
        // Nothing keeps running: both nodes gone, PostgreSQL's data and the run state removed.
        for node in ["node1.pid", "node2.pid"] {
            let pid = try #require(Int32(try String(contentsOf: cluster.appendingPathComponent(node), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, 0) != 0, "\(node) still runs")
        }
        #expect(!FileManager.default.fileExists(atPath: cluster.appendingPathComponent("cluster.state").path))
        #expect(!FileManager.default.fileExists(atPath: cluster.appendingPathComponent("run/pg/data").path))
        let postgresLog = try String(contentsOf: cluster.appendingPathComponent("postgres.log"), encoding: .utf8)
        #expect(postgresLog.contains("database system is shut down"), "PostgreSQL was stopped: \(postgresLog.suffix(500))")
    }

    @Test func aFolderItDidNotMakeIsNeverEmptied() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-cluster-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let precious = folder.appendingPathComponent("thesis.txt")
        try "mine".write(to: precious, atomically: true, encoding: .utf8)
        let refused = try await ChildProcess.run(
            "bash", [Self.script, "--check", "--dir", folder.path], environment: ["LIFTCODE_BIN": "/bin/true"])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("is not a cluster-demo folder"), "\(refused.errors)")
        #expect(FileManager.default.fileExists(atPath: precious.path))

        let unknown = try await ChildProcess.run("bash", [Self.script, "--frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.errors.contains("unknown argument --frobnicate"), "\(unknown.errors)")
        let noNode = try await ChildProcess.run("bash", [Self.script, "stop-node", "3", "--dir", folder.path])
        #expect(noNode.status == 64)
    }
}
