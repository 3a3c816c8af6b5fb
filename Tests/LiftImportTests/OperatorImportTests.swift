import Foundation
import LiftCore
import LiftStore
import Testing

@testable import LiftImport

/// Insurance, units and workers files: the samples load, a bad row names its line and writes
/// nothing, a policy with a known number replaces it, and ID numbers never get in.
@Suite struct OperatorImportTests {
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = project.appendingPathComponent("Samples")

    let districts = DistrictDirectory([
        District(digit: 0, name: "崇川区"), District(digit: 1, name: "港闸区"),
        District(digit: 2, name: "南通开发区"), District(digit: 3, name: "通州区"),
    ])

    /// A database holding the sample registry.
    func registry() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try await database.upsertElevators { upsert in
            try ElevatorImporter(districts: districts).read(Self.samples.appendingPathComponent("elevators.csv"), each: upsert)
        }
        return database
    }

    func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The sample file with one line replaced.
    func sample(_ name: String, line: Int, replacedBy text: String) throws -> URL {
        var lines = try String(contentsOf: Self.samples.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = text
        return try temporaryFile(name, lines.joined(separator: "\n"))
    }

    func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

    func number(_ text: String) throws -> NNumber { try NNumber(parsing: text) }

    // MARK: - Insurance

    @Test func theSampleInsuranceFileLoadsAndThePolicyInForceIsShown() async throws {
        let database = try await registry()
        let result = try await OperatorImporter(store: database).run(.insurance, file: Self.samples.appendingPathComponent("insurance.csv"))
        #expect(result.rows == 8)
        #expect(result.count == OperatorImportCount(inserted: 8, updated: 0))

        let facts = try #require(try await database.facts(for: number("N006109")))
        #expect(facts.insurancePolicies.count == 2, "several policies per elevator over time")
        #expect(facts.insurance(on: day(2026, 11, 25))?.policyNumber == "PZAL202632060000000109", "the one in force")
        #expect(facts.insurance(on: day(2026, 2, 1))?.policyNumber == "PZAL202532060000000109", "last year's, in force then")
        let expired = try #require(facts.insurance(on: day(2027, 6, 1)))
        #expect(expired.policyNumber == "PZAL202632060000000109" && expired.isExpired(on: day(2027, 6, 1)), "none in force: the last one, expired")
        #expect(expired.coverage == "电梯安全责任险 保额100万元")
        #expect(expired.claimsPhone == "95518")

        // 注册代码 names N000614; 1,000,000 and 2026/1/1 are read.
        let byCode = try #require(try await database.facts(for: number("N000614")).flatMap { $0.insurance(on: day(2026, 6, 1)) })
        #expect(byCode.policyNumber == "10515003900275612026")
        #expect(byCode.coverage == "电梯安全责任险 保额1000000元")
        #expect(byCode.validFrom == day(2026, 1, 1) && byCode.validTo == day(2026, 12, 31))
        // 2025年7月1日 and "2026-04-15 00:00:00" forms.
        let n001836 = try database.insurancePolicies(for: number("N001836"))
        #expect(n001836.map(\.validFrom) == [day(2026, 7, 1), day(2025, 7, 1)])
        #expect(try database.insurancePolicies(for: number("N008243")).first?.validTo == day(2027, 4, 14))
        // A policy that has not started covers nothing yet: before 2026-04-15 N008243 shows none.
        #expect(try await database.facts(for: number("N008243"))?.insurance(on: day(2026, 4, 1)) == nil)
    }

    @Test func aPolicyWithTheSameNumberIsReplaced() async throws {
        let database = try await registry()
        let importer = OperatorImporter(store: database)
        _ = try await importer.run(.insurance, file: Self.samples.appendingPathComponent("insurance.csv"))
        // The insurer corrects the end date and the sum of N006109's 2026 policy.
        let corrected = try temporaryFile("corrected.csv", """
            电梯编号,保险公司,保单号,险种,保险金额,保险起期,保险止期,理赔电话
            N006109,中国人民财产保险股份有限公司南通市分公司,PZAL202632060000000109,电梯安全责任险,200万元,2026-03-01,2027-03-31,95518
            """)
        let result = try await importer.run(.insurance, file: corrected)
        #expect(result.count == OperatorImportCount(inserted: 0, updated: 1))
        let policies = try database.insurancePolicies(for: number("N006109"))
        #expect(policies.count == 2, "replaced, not added")
        #expect(policies[0].policyNumber == "PZAL202632060000000109")
        #expect(policies[0].validTo == day(2027, 3, 31))
        #expect(policies[0].coverage == "电梯安全责任险 保额200万元")
    }

    @Test func anInsurersWorkbookWithDateCellsAndRegistrationCodesLoads() async throws {
        let database = try await registry()
        let result = try await OperatorImporter(store: database).run(.insurance, file: Self.project.appendingPathComponent("Tests/Fixtures/insurance.xlsx"))
        #expect(result.count == OperatorImportCount(inserted: 2, updated: 0))
        let policy = try #require(try database.insurancePolicies(for: number("N006109")).first)
        #expect(policy.policyNumber == "PZAL202732060000000109")
        #expect(policy.validFrom == day(2027, 3, 1) && policy.validTo == day(2028, 2, 29))
        #expect(policy.insurer == "中国人民财产保险股份有限公司南通市分公司")
        #expect(try database.insurancePolicies(for: number("N000614")).first?.claimsPhone == "95511")
    }

    @Test(arguments: [
        (4, ",30103206012014091550,平安,P1,电梯安全责任险,100万元,2026/2/30,2026/12/31,95511", "2026/2/30"),
        (3, "N999999,,平安,P1,电梯安全责任险,100万元,2026-01-01,2026-12-31,95511", "N999999 is not registered"),
        (5, "N006121,,太平洋,P2,电梯安全责任险,50万元,2026-07-01,2026-06-30,95500", "before 保险起期"),
        (6, ",,太平洋,P3,电梯安全责任险,50万元,2026-07-01,2027-06-30,95500", "name the elevator"),
        (7, "N001836,,太平洋,P4,,50万元,2026-07-01,2027-06-30,95500", "险种 (coverage) is empty"),
        (8, "N001836,,太平洋,ANTO0162826Q000124,电梯安全责任险,50万元,2025-07-01,2026-06-30,95500", "already on line 7"),
        (2, "N006109,,人保,P5,电梯安全责任险,一百万,2026-01-01,2026-12-31,95518", "保险金额"),
        (9, "N008243,,人寿,P6,电梯安全责任险,200万元,2026-04-15,2027-04-14,call us", "理赔电话"),
    ])
    func aBadInsuranceRowNamesItsLineAndWritesNothing(line: Int, text: String, expected: String) async throws {
        let database = try await registry()
        var file = try sample("insurance.csv", line: line, replacedBy: text)
        if expected.hasPrefix("already on line") {
            // The same policy of the same elevator twice in one file.
            var lines = try String(contentsOf: Self.samples.appendingPathComponent("insurance.csv"), encoding: .utf8).components(separatedBy: "\n")
            lines[7] = lines[6]
            file = try temporaryFile("twice.csv", lines.joined(separator: "\n"))
        }
        let error = await #expect(throws: ImportError.self) { try await OperatorImporter(store: database).run(.insurance, file: file) }
        #expect(error?.line == line)
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        for elevator in ["N006109", "N000614", "N000618", "N006121", "N001836", "N008243"] {
            #expect(try database.insurancePolicies(for: number(elevator)).isEmpty, "nothing written")
        }
    }

    @Test func anInsuranceFileWithoutAPolicyNumberColumnIsRefused() async throws {
        let file = try temporaryFile("no-policy.csv", "电梯编号,保险公司,险种,保险起期,保险止期\nN006109,人保,电梯安全责任险,2026-01-01,2026-12-31\n")
        let error = await #expect(throws: ImportError.self) { try await OperatorImporter(store: try registry()).run(.insurance, file: file) }
        #expect(error?.line == 1)
        #expect(error?.description.contains("保单号 (policy number)") == true)
    }

    // MARK: - Units

    @Test func theSampleUnitsFileSetsPhonesAndWebhooksWithSecrets() async throws {
        let database = try await registry()
        let result = try await OperatorImporter(store: database).run(.units, file: Self.samples.appendingPathComponent("units.csv"))
        #expect(result.rows == 7)
        #expect(result.count == OperatorImportCount(inserted: 0, updated: 7), "every unit of the file is one of the registry's")
        let hongyang = try #require(try await database.unit(named: "南通弘扬电梯安装有限公司", kind: .maintenance))
        #expect(hongyang.phone == "0513-85123456")
        #expect(hongyang.webhookURL == "https://hongyang.example/liftcode/complaints")
        // Both units with a webhook got a secret, reported once, and it is the stored one.
        #expect(result.generatedSecrets.map(\.unit.name).sorted() == ["南通安川电梯有限公司", "南通弘扬电梯安装有限公司"])
        let secret = try #require(result.generatedSecrets.first { $0.unit.name == "南通弘扬电梯安装有限公司" }?.secret)
        #expect(secret.value.count == 64)
        #expect(try database.webhookSecret(ofUnit: "南通弘扬电梯安装有限公司", kind: .maintenance) == secret)
        #expect(try await database.unit(named: "南通天一置业有限公司", kind: .user)?.phone == "13962812345")

        // Again: nothing new, no new secret; the secret stays.
        let again = try await OperatorImporter(store: database).run(.units, file: Self.samples.appendingPathComponent("units.csv"))
        #expect(again.count == OperatorImportCount(inserted: 0, updated: 7))
        #expect(again.generatedSecrets.isEmpty)
        #expect(try database.webhookSecret(ofUnit: "南通弘扬电梯安装有限公司", kind: .maintenance) == secret)

        // A file without a webhook column leaves webhooks alone; an empty phone cell clears the phone.
        let phones = try temporaryFile("phones.csv", "name,kind,phone\n南通弘扬电梯安装有限公司,maintenance,0513-80000000\n南通天一置业有限公司,user,\n")
        _ = try await OperatorImporter(store: database).run(.units, file: phones)
        #expect(try await database.unit(named: "南通弘扬电梯安装有限公司", kind: .maintenance)?.webhookURL == "https://hongyang.example/liftcode/complaints")
        #expect(try await database.unit(named: "南通弘扬电梯安装有限公司", kind: .maintenance)?.phone == "0513-80000000")
        #expect(try await database.unit(named: "南通天一置业有限公司", kind: .user)?.phone == nil)
    }

    @Test(arguments: [
        (2, "南通弘扬电梯安装有限公司,维保单位,0513-85123456,http://127.0.0.1:9000/hook", "127.0.0.1"),
        (3, "江南嘉捷电梯股份有限公司苏州分公司,维保单位,0512-66161234,http://169.254.169.254/latest", "169.254.169.254"),
        (4, "迅达(中国)电梯有限公司南通分公司,维保单位,400-820-1234,ftp://example.com/x", "http or https"),
        (5, "南通安川电梯有限公司,维保单位,0513-83551234,https://user:pw@anchuan.example/", "user name or password"),
        (6, "江苏坤园物业管理有限公司,承包商,0513-85561234,", "维保单位 (maintenance) or 使用单位"),
        (7, "江苏中江国际房地产有限公司南通分公司,使用单位,电话,", "联系电话 (phone)"),
    ])
    func aBadUnitRowNamesItsLineAndWritesNothing(line: Int, text: String, expected: String) async throws {
        let database = try await registry()
        let before = try await database.unitListings(kind: nil).count
        let file = try sample("units.csv", line: line, replacedBy: text)
        let error = await #expect(throws: ImportError.self) { try await OperatorImporter(store: database).run(.units, file: file) }
        #expect(error?.line == line)
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        #expect(try await database.unitListings(kind: nil).allSatisfy { $0.phone == nil && $0.webhookURL == nil }, "nothing written")
        #expect(try await database.unitListings(kind: nil).count == before, "no unit created")
    }

    @Test func anOperatorMayAllowPrivateWebhooks() async throws {
        let database = try await registry()
        let file = try temporaryFile("private.csv", "单位名称,单位类型,推送地址\n南通弘扬电梯安装有限公司,维保单位,http://10.0.0.8:8080/hook\n")
        await #expect(throws: ImportError.self) { try await OperatorImporter(store: database).run(.units, file: file) }
        _ = try await OperatorImporter(store: database, allowPrivateWebhooks: true).run(.units, file: file)
        #expect(try await database.unit(named: "南通弘扬电梯安装有限公司", kind: .maintenance)?.webhookURL == "http://10.0.0.8:8080/hook")
    }

    // MARK: - Workers

    @Test func theSampleWorkersFileLoads() async throws {
        let database = try await registry()
        let result = try await OperatorImporter(store: database).run(.workers, file: Self.samples.appendingPathComponent("workers.csv"))
        #expect(result.count == OperatorImportCount(inserted: 4, updated: 0))
        let worker = try #require(try await database.worker(login: "W0201"))
        #expect(worker.name == "魏港庆" && worker.phone == "13712345678" && worker.unitName == "江南嘉捷电梯股份有限公司苏州分公司")
        let moved = try temporaryFile("moved.csv", "login,name,phone,unit\nW0201,魏港庆,13700000000,南通弘扬电梯安装有限公司\n")
        #expect(try await OperatorImporter(store: database).run(.workers, file: moved).count == OperatorImportCount(inserted: 0, updated: 1))
        #expect(try await database.worker(login: "W0201")?.unitName == "南通弘扬电梯安装有限公司")
    }

    @Test func aWorkerFileWithAnIDNumberColumnIsRefused() async throws {
        let database = try await registry()
        let file = try temporaryFile("ids.csv", """
            登录账号,姓名,身份证号,手机号,维保单位
            W0101,陈建章,320602198001011234,13912345678,南通弘扬电梯安装有限公司
            """)
        let error = await #expect(throws: ImportError.self) { try await OperatorImporter(store: database).run(.workers, file: file) }
        #expect(error?.line == 1)
        #expect(error?.description.contains("身份证号") == true && error?.description.contains("never stores") == true)
        #expect(error?.description.contains("320602198001011234") == false)
        #expect(try await database.worker(login: "W0101") == nil)
    }

    @Test func anIDNumberAnywhereInAWorkerRowIsRefusedWithoutRepeatingIt() async throws {
        let database = try await registry()
        // An unnamed column, and an ID number used as the login (as the platform once did).
        for (text, column) in [
            ("登录账号,姓名,手机号,维保单位,备注\nW0101,陈建章,13912345678,南通弘扬电梯安装有限公司,\nW0102,季龙龙,13812345678,南通弘扬电梯安装有限公司,32060219800101123X\n", "备注"),
            ("login,name,phone,unit\nW0101,陈建章,13912345678,南通弘扬电梯安装有限公司\n320602198001011234,季龙龙,13812345678,南通弘扬电梯安装有限公司\n", "login"),
        ] {
            let file = try temporaryFile("id-row.csv", text)
            let error = await #expect(throws: ImportError.self) { try await OperatorImporter(store: database).run(.workers, file: file) }
            #expect(error?.line == 3)
            #expect(error?.description.contains(column) == true && error?.description.contains("national ID") == true, "\(error?.description ?? "")")
            #expect(error?.description.contains("3206021980") == false, "the number is never repeated")
            #expect(try await database.worker(login: "W0101") == nil, "nothing written")
        }
    }

    @Test func aWorkerOfAnUnknownUnitNamesItsLineAndWritesNothing() async throws {
        let database = try await registry()
        let file = try sample("workers.csv", line: 4, replacedBy: "W0201,魏港庆,13712345678,无名电梯公司")
        let error = await #expect(throws: ImportError.self) { try await OperatorImporter(store: database).run(.workers, file: file) }
        #expect(error?.line == 4)
        #expect(error?.description.contains("无名电梯公司 is not a registered maintenance unit") == true)
        #expect(try await database.worker(login: "W0101") == nil)
    }
}
