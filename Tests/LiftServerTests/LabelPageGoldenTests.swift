import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftStore
import Testing

/// The public label answers as they were before the typed renderer replaced the Mustache templates
/// (the files under Fixtures/LabelPages were made by the old renderer): pages byte for byte, JSON
/// value for value (JSONEncoder wrote keys in no fixed order). Each file starts with the status.
/// The code in a page's form action changes with each run's key, so it is written `{CODE}`.
///
/// To make the files again after a deliberate change of a page: run this suite with
/// `LIFTCODE_RECORD_PAGES=1`; it then writes the files and fails, so a recording never passes.
@Suite struct LabelPageGoldenTests {
    /// An elevator whose every text is hostile: markup, ampersands and both quotes.
    static let hostileNumber = NNumber(value: 700)!
    static let hostile = "<b>&\"'</b>"

    /// The world of the route tests plus the hostile elevator, its unit, worker and insurance.
    static func world() async throws -> TestWorld {
        let world = try await TestWorld()
        let text = { (field: String) in "\(field)\(hostile)" }
        _ = try await world.database.upsert([
            Elevator(
                number: hostileNumber, rescueCode: text("r"), registrationCode: text("g"), address: text("地址"), building: text("楼"),
                district: text("区"), street: text("街"), nextInspection: CivilDate(year: 2027, month: 1, day: 2), userUnit: text("使用"),
                maintenanceUnit: text("维保"), manufacturer: text("制造"))
        ])
        try world.database.saveUnit(Organization(name: text("维保"), kind: .maintenance, phone: "0513\"><script>"))
        try world.database.saveUnit(Organization(name: text("使用"), kind: .user, phone: "1'&2"))
        try world.database.saveWorker(Worker(login: "W0700", name: text("工"), phone: "139\"&<", unitName: text("维保")))
        try world.database.addInsurance(
            Insurance(
                insurer: text("保"), policyNumber: text("P"), coverage: text("责任"), validFrom: TestWorld.today.adding(days: -10),
                validTo: TestWorld.today.adding(days: 10), claimsPhone: "955'18"),
            for: hostileNumber)
        let start = ShanghaiTime.startOfDay(TestWorld.today.adding(days: -2)).addingTimeInterval(9 * 3600)
        try world.database.insertMaintenanceRecord(
            MaintenanceRecord(
                number: hostileNumber, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(45 * 60),
                uploadedAt: start.addingTimeInterval(50 * 60), workerLogin: "W0700", workerName: text("工"), maintenanceUnit: text("维保"),
                status: .passed))
        _ = try await world.database.issue(
            BatchRequest(
                district: District(digit: 0, name: "崇川区"), selection: .numbers([hostileNumber], replace: false), keyID: "K1",
                baseURL: TestWorld.base, layout: "a4", createdAt: Date()))
        return world
    }

    /// Every answer kept: its file name and the path asked for.
    static func cases(_ world: TestWorld) throws -> [(name: String, path: String, code: String?)] {
        var cases: [(String, String, String?)] = []
        let codes: [(String, String)] = [
            ("genuine", try world.path(world.current)),
            ("classified", try world.path(world.classified)),
            ("overdue", try world.path(world.overdue, serial: 2)),
            ("revoked", try world.path(world.overdue, serial: 1)),
            ("counterfeit", try world.counterfeitPath()),
            ("unknown", try world.path(world.unregistered)),
            ("hostile", try world.path(hostileNumber)),
            ("malformed", "N006109-01-K1-ABC"),
            ("malformed-markup", "%3Cb%3E%26%22'-1-K1-X"),
        ]
        for (name, path) in codes {
            cases.append(("\(name).zh.html", "/E/\(path)", path))
            cases.append(("\(name).en.html", "/E/\(path)?lang=en", path))
            cases.append(("\(name).json", "/E/\(path)", path))
        }
        for (name, number) in [("typed", "000614"), ("typed-unknown", "N999998"), ("typed-malformed", "12345"), ("typed-hostile", "N000700")] {
            cases.append(("\(name).json", "/api/v1/elevators/\(number)", nil))
        }
        return cases
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/LabelPages")

    @Test func everyAnswerIsAsBefore() async throws {
        let world = try await Self.world()
        let record = ProcessInfo.processInfo.environment["LIFTCODE_RECORD_PAGES"] != nil
        if record { try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true) }
        try await world.app().test(.router) { client in
            for (name, path, code) in try Self.cases(world) {
                let headers: HTTPFields = name.hasSuffix(".json") ? [.accept: "application/json"] : [:]
                try await client.execute(uri: path, method: .get, headers: headers) { response in
                    var text = "\(response.status.code)\n" + response.text
                    if let code { text = text.replacingOccurrences(of: code, with: "{CODE}") }
                    let file = Self.folder.appendingPathComponent(name)
                    if record {
                        try Data(text.utf8).write(to: file)
                    } else if name.hasSuffix(".json") {
                        // JSONEncoder writes an object's keys in no fixed order: the values are compared.
                        let expected = try String(contentsOf: file, encoding: .utf8)
                        #expect(text.prefix(4) == expected.prefix(4), "\(name): the status")
                        let answer = try JSONSerialization.jsonObject(with: Data(text.utf8.dropFirst(4))) as? NSDictionary
                        let recorded = try JSONSerialization.jsonObject(with: Data(expected.utf8.dropFirst(4))) as? NSDictionary
                        #expect(answer != nil && answer == recorded, "\(name) differs from its recorded answer")
                    } else {
                        let expected = try String(contentsOf: file, encoding: .utf8)
                        #expect(text == expected, "\(name) differs from its recorded answer")
                    }
                }
            }
        }
        if record { Issue.record("recorded the pages in \(Self.folder.path): run again without LIFTCODE_RECORD_PAGES") }
    }

    /// No value reaches the page unescaped: the hostile elevator's page holds no raw markup or
    /// quote from its data, in either language.
    @Test func everyValueIsEscaped() async throws {
        let world = try await Self.world()
        try await world.app().test(.router) { client in
            for query in ["", "?lang=en"] {
                try await client.execute(uri: "/E/" + world.path(Self.hostileNumber) + query, method: .get) { response in
                    let page = response.text
                    #expect(response.status == .ok)
                    #expect(!page.contains("<b>"), "markup from the data is escaped")
                    #expect(!page.contains("<script>"))
                    #expect(!page.contains("&\""), "ampersands and quotes from the data are escaped")
                    #expect(!page.contains("\"'"))
                    #expect(!page.contains("1'&2"))
                    #expect(!page.contains("955'18"))
                    let escaped = "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;"
                    for field in ["r", "g", "地址", "楼", "区", "街", "使用", "维保", "制造", "工", "保", "P", "责任"] {
                        #expect(page.contains(field + escaped), "\(field) is shown escaped")
                    }
                    #expect(page.contains("href=\"tel:0513&quot;&gt;&lt;script&gt;\""), "a phone in an attribute is escaped")
                }
            }
        }
    }
}
