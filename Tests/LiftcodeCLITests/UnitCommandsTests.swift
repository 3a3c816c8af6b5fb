import Foundation
import LiftTestSupport
import Testing

/// The operator's commands for the data behind the page, run as the real executable: imports of
/// insurance, units and workers, and `units set|list`.
@Suite(.serialized) struct UnitCommandsTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")

    /// A scratch folder with the sample registry imported.
    func registry() async throws -> CLIRunner {
        let cli = try CLIRunner()
        for name in ["elevators.csv", "insurance.csv", "units.csv", "workers.csv"] {
            try FileManager.default.copyItem(at: Self.samples.appendingPathComponent(name), to: cli.url(name))
        }
        let imported = try await cli.run(["import", "elevators", "elevators.csv"])
        #expect(imported.status == 0, "\(imported.errors)")
        return cli
    }

    /// Runs `liftcode arguments…` with `input` on standard input.
    func run(_ cli: CLIRunner, _ arguments: [String], input: String) async throws -> CLIRunner.Result {
        try await cli.run(arguments, input: input)
    }

    /// A value from the database, read by python3's sqlite3 (not by liftcode).
    func query(_ cli: CLIRunner, _ sql: String) async throws -> String {
        let script = "import sqlite3, sys; print('\\n'.join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))"
        let result = try await ChildProcess.run("python3", ["-c", script, cli.url("liftcode.sqlite").path, sql])
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func unitsImportPrintsNewSecretsOnceAndListNeverShowsThem() async throws {
        let cli = try await registry()
        defer { cli.remove() }
        let imported = try await cli.run(["import", "units", "units.csv"])
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("imported 7 units (0 new, 7 updated)"))
        let secretLine = try #require(imported.output.split(separator: "\n").first { $0.contains("南通弘扬电梯安装有限公司\t") })
        let secret = String(secretLine.split(separator: "\t").last!)
        #expect(secret.count == 64)
        #expect(try await query(cli, "SELECT webhookSecret FROM unit WHERE name = '南通弘扬电梯安装有限公司'") == secret)

        let list = try await cli.run(["units", "list"])
        #expect(list.status == 0)
        #expect(list.output.contains("南通弘扬电梯安装有限公司") && list.output.contains("0513-85123456"))
        #expect(list.output.contains("https://hongyang.example/liftcode/complaints"))
        #expect(!list.output.contains(secret))
        let again = try await cli.run(["import", "units", "units.csv"])
        #expect(!again.output.contains("Webhook secrets"), "a unit keeps its secret")
    }

    @Test func unitsSetChecksTheWebhookAndReadsTheSecretFromStandardInput() async throws {
        let cli = try await registry()
        defer { cli.remove() }
        let unit = "南通弘扬电梯安装有限公司"
        let privateHook = try await cli.run(["units", "set", unit, "--webhook", "http://192.168.1.20/hook"])
        #expect(privateHook.status == 64)
        #expect(privateHook.errors.contains("192.168.1.20") && privateHook.errors.contains("--allow-private-webhooks"))
        #expect(try await query(cli, "SELECT webhookURL FROM unit WHERE name = '\(unit)'") == "None")

        let allowed = try await cli.run(["units", "set", unit, "--webhook", "http://192.168.1.20/hook", "--allow-private-webhooks", "--phone", "0513-85123456"])
        #expect(allowed.status == 0, "\(allowed.errors)")
        let generated = String(try #require(allowed.output.split(separator: "\n").last))
        #expect(generated.count == 64, "a new webhook gets a secret, printed once on the last line")

        let agreed = "agreed-with-the-unit-0123456789abcdefghijkl"
        let set = try await run(cli, ["units", "set", unit, "--webhook-secret-stdin"], input: agreed + "\n")
        #expect(set.status == 0, "\(set.errors)")
        #expect(!set.output.contains(agreed))
        #expect(try await query(cli, "SELECT webhookSecret FROM unit WHERE name = '\(unit)'") == agreed)
        let short = try await run(cli, ["units", "set", unit, "--webhook-secret-stdin"], input: "short")
        #expect(short.status == 1 && short.errors.contains("32 to 256"))

        let unknown = try await cli.run(["units", "set", "无名电梯公司", "--phone", "0513-85123456"])
        #expect(unknown.status == 1 && unknown.errors.contains("no unit is named 无名电梯公司"))
        let created = try await cli.run(["units", "set", "无名电梯公司", "--kind", "maintenance", "--create", "--phone", "0513-85123456"])
        #expect(created.status == 0 && created.output.contains("created maintenance unit 无名电梯公司"))
        #expect(try await cli.run(["units", "set", unit]).status == 64, "nothing to set")
    }

    @Test func importsRefuseABadRowByLineAndWriteNothing() async throws {
        let cli = try await registry()
        defer { cli.remove() }
        var lines = try String(contentsOf: cli.url("insurance.csv"), encoding: .utf8).components(separatedBy: "\n")
        lines[3] = lines[3].replacingOccurrences(of: "2026/1/1", with: "2026/13/1")
        try lines.joined(separator: "\n").write(to: cli.url("bad-insurance.csv"), atomically: true, encoding: .utf8)
        let bad = try await cli.run(["import", "insurance", "bad-insurance.csv"])
        #expect(bad.status == 1)
        #expect(bad.errors.contains("line 4") && bad.errors.contains("nothing was imported"))
        #expect(try await query(cli, "SELECT count(*) FROM insurancePolicy") == "0")

        let good = try await cli.run(["import", "insurance", "insurance.csv"])
        #expect(good.status == 0, "\(good.errors)")
        #expect(good.output.contains("imported 8 insurance policies (8 new"))

        try "登录账号,姓名,身份证号码,维保单位\nW0101,陈建章,320602198001011234,南通弘扬电梯安装有限公司\n"
            .write(to: cli.url("ids.csv"), atomically: true, encoding: .utf8)
        let ids = try await cli.run(["import", "workers", "ids.csv"])
        #expect(ids.status == 1)
        #expect(ids.errors.contains("line 1") && ids.errors.contains("身份证号码") && !ids.errors.contains("320602198001011234"))
        #expect(try await query(cli, "SELECT count(*) FROM worker") == "0")
        #expect(try await cli.run(["import", "workers", "workers.csv"]).status == 0)
        #expect(try await query(cli, "SELECT count(*) FROM worker") == "4")
    }
}
