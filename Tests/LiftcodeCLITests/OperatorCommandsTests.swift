import Foundation
import Testing

/// What a new operator trips over, run as the real executable: imports that must not damage the
/// registry, accounts for units and streets that exist, one exit status rule, and small things.
@Suite(.serialized) struct OperatorCommandsTests {
    static let base = ["--base-url", "https://lc.example.cn"]

    /// The CSV line of one elevator in the export.
    func row(_ lines: [String], _ number: String) -> String {
        lines.first { $0.hasPrefix(number + ",") } ?? "(no row for \(number))"
    }

    @Test func importRefusesTheWrongFileAndNeverBlanksAFieldItLacks() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"]).status == 0)
        let before = try await cli.exportedElevators()
        #expect(row(before, "N006109").contains("2017-10-28"))

        // The maintenance-record export has 电梯编号 and 地址 too: it is recognised and refused.
        let wrong = try await cli.run(["import", "elevators", "Samples/maintenance-records.csv"])
        #expect(wrong.status == 1)
        #expect(wrong.errors.contains("maintenance-record export") && wrong.errors.contains("liftcode import maintenance"), "\(wrong.errors)")
        #expect(try await cli.exportedElevators() == before)
        let registry = try await cli.run(["import", "maintenance", "Samples/elevators.csv"])
        #expect(registry.status == 1 && registry.errors.contains("liftcode import elevators"), "\(registry.errors)")

        try cli.write("buildings.csv", "电梯编号,楼盘名称\nN006109,紫东世纪\n")
        let missing = try await cli.run(["import", "elevators", "buildings.csv"])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("required column 地址 (address)"), "\(missing.errors)")

        // A file of numbers and addresses: a dry run shows the one change and writes nothing.
        try cli.write("addresses.csv", "电梯编号,地址\nN006109,崇川区钟通甲路8号\nN000614,崇川区文峰街道紫东花苑沿街\n")
        let dry = try await cli.run(["import", "elevators", "--dry-run", "addresses.csv"])
        #expect(dry.status == 0, "\(dry.errors)")
        #expect(dry.errors.contains("0 new, 1 updated, 1 unchanged"), "\(dry.errors)")
        #expect(dry.output.contains("N006109: 地址 (address): 崇川区钟通甲路6号紫东世纪 → 崇川区钟通甲路8号"), "\(dry.output)")
        #expect(try await cli.exportedElevators() == before)

        let real = try await cli.run(["import", "elevators", "addresses.csv"])
        #expect(real.status == 0)
        #expect(real.errors.contains("imported 2 elevators (0 new, 1 updated, 1 unchanged)"), "\(real.errors)")
        let after = row(try await cli.exportedElevators(), "N006109")
        #expect(after.contains("崇川区钟通甲路8号"))
        // Everything the file has no column for is as it was.
        for kept in ["2017-10-28", "文峰街道", "江苏中江国际房地产有限公司南通分公司", "江南嘉捷电梯股份有限公司苏州分公司", "紫东世纪影城"] {
            #expect(after.contains(kept), "\(kept) was lost: \(after)")
        }
    }

    @Test func importChecksDistrictsAndStreetsAgainstTheTables() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("typo.csv", "电梯编号,地址,行政区划\nN006109,甲,崇川区\nN000614,乙,崇川\n")
        let typo = try await cli.run(["import", "elevators", "typo.csv"])
        #expect(typo.status == 1)
        #expect(typo.errors.contains("line 3") && typo.errors.contains("did you mean 崇川区?"), "\(typo.errors)")
        #expect(typo.errors.contains("nothing was imported"))

        try cli.write("digit.csv", "电梯编号,地址,行政区划\nN106109,甲,崇川区\n")
        let digit = try await cli.run(["import", "elevators", "digit.csv"])
        #expect(digit.status == 1 && digit.errors.contains("numbered for 港闸区"), "\(digit.errors)")

        try cli.write("streets.csv", "电梯编号,地址,行政区划,街道办\nN006109,甲,崇川区,文峰街道\nN000614,乙,崇川区,文峰街\n")
        // Without a street table a street new to the registry is named, to check its spelling.
        let unchecked = try await cli.run(["import", "elevators", "--dry-run", "streets.csv"])
        #expect(unchecked.status == 0)
        #expect(unchecked.output.contains("new street offices of 崇川区 (check their spelling): 文峰街, 文峰街道"), "\(unchecked.output)")
        // With one, an unknown street stops the import at its line.
        try cli.write("Labels/streets.csv", "district,street\n崇川区,文峰街道\n港闸区,唐闸街道\n")
        let checked = try await cli.run(["import", "elevators", "streets.csv"])
        #expect(checked.status == 1)
        #expect(checked.errors.contains("line 3") && checked.errors.contains("\"文峰街\" is not a street office of 崇川区"), "\(checked.errors)")
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"]).status == 1, "竹行街道 is not in this street table")
    }

    @Test func accountsAddRefusesUnknownDistrictAndStreet() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"]).status == 0)
        let district = try await cli.run(["accounts", "add", "--role", "regulator", "--district", "崇川"])
        #expect(district.status == 64)
        #expect(district.errors.contains("unknown district 崇川"))
        let street = try await cli.run(["accounts", "add", "--role", "regulator", "--district", "0", "--street", "文峰街"])
        #expect(street.status == 1)
        #expect(street.errors.contains("崇川区 has no street office 文峰街; known: 文峰街道"), "\(street.errors)")
        let regulator = try await cli.run(["accounts", "add", "--role", "regulator", "--district", "0", "--street", "文峰街道"])
        #expect(regulator.status == 0, "\(regulator.errors)")
        // Stored by name, so the regulator sees the elevators of 崇川区.
        #expect(regulator.output.contains("(regulator, 崇川区, 文峰街道)"))
        #expect(try await cli.run(["accounts", "list"]).output.contains("崇川区 文峰街道"))

        let unit = try await cli.run(["accounts", "add", "--role", "maintainer", "--unit", "南通弘扬电梯"])
        #expect(unit.status == 1 && unit.errors.contains("no maintenance unit (维保单位) is named 南通弘扬电梯"), "\(unit.errors)")
        let kind = try await cli.run(["accounts", "add", "--role", "property", "--unit", "南通弘扬电梯安装有限公司"])
        #expect(kind.status == 1, "a maintenance unit is not a property manager")
        #expect(try await cli.run(["accounts", "add", "--role", "property", "--unit", "江苏坤园物业管理有限公司"]).status == 0)
    }

    @Test func aWorkerHasOneLiveAccountAndKeepsWhatAnOptionLeavesOut() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"]).status == 0)
        #expect(try await cli.run(["import", "maintenance", "Samples/maintenance-records.csv"]).status == 0)
        // W0001 came with the history as 陈建章 of 南通安川电梯有限公司.
        let first = try await cli.run(["accounts", "add", "--role", "worker", "--unit", "南通安川电梯有限公司", "--worker", "W0001"])
        #expect(first.status == 0, "\(first.errors)")
        let list = try await cli.run(["accounts", "list"]).output
        #expect(list.hasPrefix("id"), "a header row")
        #expect(list.contains("陈建章"), "the worker's name is kept, not replaced by the login: \(list)")
        let second = try await cli.run(["accounts", "add", "--role", "worker", "--unit", "南通安川电梯有限公司", "--worker", "W0001", "--phone", "13912345678"])
        #expect(second.status == 1)
        #expect(second.errors.contains("worker W0001 already has account 1"), "\(second.errors)")
        #expect(try await cli.run(["accounts", "revoke", "1"]).status == 0)
        #expect(try await cli.run(["accounts", "add", "--role", "worker", "--unit", "南通安川电梯有限公司", "--worker", "W0001"]).status == 0)
    }

    @Test func usageErrorsAre64AndRuntimeErrors1Everywhere() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let help = try await cli.run(["help", "nothing"])
        #expect(help.status == 64)
        #expect(help.errors.contains("unknown command 'nothing'"))
        #expect(try await cli.run(["help", "labels", "nothing"]).status == 64)
        #expect(try await cli.run(["help", "labels", "issue"]).status == 0)
        #expect(try await cli.run(["nothing"]).status == 64)
        #expect(try await cli.run(["keys", "nothing"]).status == 64)
        // A file that is not there is the world's state, not the command line's: 1, in both imports.
        #expect(try await cli.run(["import", "elevators", "missing.csv"]).status == 1)
        #expect(try await cli.run(["import", "maintenance", "missing.csv"]).status == 1)
        // An unknown district is a usage error in every command.
        #expect(try await cli.run(["labels", "issue", "--district", "崇川", "--count", "1"] + Self.base).status == 64)
        #expect(try await cli.run(["export", "elevators", "--district", "崇川", "--out", "x.csv"]).status == 64)
        #expect(try await cli.run(["accounts", "add", "--role", "regulator", "--district", "崇川"]).status == 64)
    }

    @Test func registeredReprintsElevatorsWhoseKeyWasRevoked() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"]).status == 0)
        let first = try await cli.run(["labels", "issue", "--district", "港闸区", "--registered", "--layout", "a4-harsh.json"] + Self.base)
        #expect(first.status == 0, "--layout by name, from Labels/layouts/: \(first.errors)")
        #expect(first.output.contains("5 labels of 港闸区"))
        #expect(try await cli.run(["labels", "issue", "--district", "港闸区", "--registered"] + Self.base).status == 1, "all have active labels")

        try await cli.run(["keys", "new", "--id", "K2"])
        #expect(try await cli.run(["keys", "revoke", "K1"]).status == 0)
        let keys = try await cli.run(["keys", "list"]).output
        #expect(keys.contains("no (revoked)") && !keys.split(separator: "\n").contains { $0.hasPrefix("K1") && $0.contains("yes") }, "\(keys)")
        let again = try await cli.run(["labels", "issue", "--district", "港闸区", "--registered", "--key", "K2"] + Self.base)
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("5 labels of 港闸区"))
        let manifests = try FileManager.default.contentsOfDirectory(atPath: cli.url("Labels/out").path).sorted()
        let manifest = try String(contentsOf: cli.url("Labels/out/\(manifests.last!)/manifest.csv"), encoding: .utf8)
        #expect(manifest.hasPrefix("sheet,row,column,number,serial,key,code"))
        #expect(manifest.contains(",N104027,2,K2,"), "the next serial, signed by K2")
    }

    @Test func exportToStandardOutputAndOneLabelInTheSingular() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        #expect(try await cli.run(["import", "elevators", "Samples/elevators.csv"]).status == 0)
        let one = try await cli.run(["labels", "issue", "--district", "0", "--count", "1"] + Self.base)
        #expect(one.output.contains("1 label of 崇川区") && one.errors.contains("1 label on 1 sheet"), "\(one.output)")
        let out = try await cli.run(["export", "elevators", "--format", "csv", "--out", "-", "--district", "港闸区"])
        #expect(out.status == 0)
        #expect(out.output.split(whereSeparator: \.isNewline).count == 6, "a header and five elevators")
        #expect(!FileManager.default.fileExists(atPath: cli.url("-").path))
        #expect(try await cli.run(["export", "elevators", "--out", "-"]).status == 64, "standard output needs --format")
    }

    @Test func serveAcceptsEveryPrintedBaseURLAndSaysSoWhileRunning() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        await #expect(try cli.run(["import", "elevators", "Samples/elevators.csv"]).status == 0)
        await #expect(try cli.run(["labels", "issue", "--district", "0", "--numbers", "N000614"] + Self.base).status == 0)
        let batch = try FileManager.default.contentsOfDirectory(atPath: cli.url("Labels/out").path)[0]
        let manifest = try String(contentsOf: cli.url("Labels/out/\(batch)/manifest.csv"), encoding: .utf8)
        let code = try #require(manifest.split(separator: "\n").last?.split(separator: ",").last.map(String.init))
        let path = String(code[code.range(of: "/E/")!.lowerBound...])

        // Started with its own address as base URL, not the labels' one.
        let server = try ServerProcess(cli, arguments: ["--base-url", "https://lc.example.net"])
        defer { server.stop() }
        // The start line reaches a pipe while the server runs, not only when it exits.
        #expect(try await server.waitForOutput("accepting labels of HTTPS://LC.EXAMPLE.CN"), "\(server.output)")
        #expect(server.output.contains("liftcode serving"))
        let page = try await server.get(path)
        #expect(page?.status == 200, "a genuine label of the ledger's base URL: \(page?.body.prefix(300) ?? "no answer")")
        #expect(server.errors.contains("no batch in the ledger was printed for HTTPS://LC.EXAMPLE.NET"), "\(server.errors)")

        // The ticket link is the public address, which phones open.
        let filed = try await server.send(
            "/api/v1/complaints", method: "POST", headers: ["Content-Type": "application/json"],
            body: Data(#"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#.utf8))
        #expect(filed?.status == 201)
        #expect(filed?.body.contains(#""link":"https://lc.example.net/T/"#) == true, "\(filed?.body ?? "")")
    }
}
