import Foundation
import LiftCore
import LiftStore
import Testing

@testable import LiftImport

@Suite struct ElevatorImportTests {
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/elevators.csv")

    let districts = DistrictDirectory([
        District(digit: 0, name: "崇川区"), District(digit: 1, name: "港闸区"),
        District(digit: 2, name: "南通开发区"), District(digit: 3, name: "通州区"),
    ])

    func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func importsTheSampleRegistry() async throws {
        let database = try AppDatabase.inMemory()
        let count = try await database.upsertElevators { upsert in
            try ElevatorImporter(districts: districts).read(Self.sample, each: upsert)
        }
        #expect(count == UpsertCount(inserted: 21, updated: 0))
        let facts = try #require(try await database.facts(for: try NNumber(parsing: "N000614")))
        #expect(facts.elevator.rescueCode == "005248")
        #expect(facts.elevator.nextInspection == CivilDate(year: 2017, month: 10, day: 1), "2017/10/1 form")
        #expect(facts.elevator.street == "文峰街道")
        #expect(facts.elevator.maintenanceUnit == "南通弘扬电梯安装有限公司")
        let again = try await database.upsertElevators { upsert in try ElevatorImporter(districts: districts).read(Self.sample, each: upsert) }
        #expect(again == UpsertCount(inserted: 0, updated: 0, unchanged: 21), "the same file again changes nothing")
    }

    @Test func anImpossibleDateOnLineFiveChangesNothing() async throws {
        var lines = try String(contentsOf: Self.sample, encoding: .utf8).components(separatedBy: "\n")
        lines[4] = lines[4].replacingOccurrences(of: "2019-09-27", with: "2019-02-30")
        let url = try temporaryFile("bad.csv", lines.joined(separator: "\n"))
        let database = try AppDatabase.inMemory()
        let error = await #expect(throws: ImportError.self) {
            try await database.upsertElevators { upsert in try ElevatorImporter(districts: districts).read(url, each: upsert) }
        }
        #expect(error?.line == 5)
        #expect(error?.description.contains("2019-02-30") == true)
        #expect(try database.elevatorCount() == 0)
    }

    @Test func readsEnglishHeadersQuotesAndABOM() throws {
        let url = try temporaryFile("en.csv", [
            "\u{FEFF}Number,Address,District,Next inspection,Maintenance unit,Stopped",
            #"N000001,"Road 1, Building ""A""",崇川区,2026/1/5,Unit A,yes"#,
            "002001,Road 2,,2026-02-01,Unit B,no",
            "",
        ].joined(separator: "\r\n"))
        var elevators: [Elevator] = []
        try ElevatorImporter(districts: districts).read(url) { elevators.append($0) }
        #expect(elevators.count == 2)
        #expect(elevators[0].address == "Road 1, Building \"A\"")
        #expect(elevators[0].isStopped)
        #expect(elevators[1].district == "崇川区", "district from the number's first digit")
        #expect(elevators[1].nextInspection == CivilDate(year: 2026, month: 2, day: 1))
    }

    @Test func namesWhatIsWrong() throws {
        func failure(_ csv: String) throws -> ImportError? {
            let url = try temporaryFile("x.csv", csv)
            return #expect(throws: ImportError.self) { try ElevatorImporter(districts: districts).read(url) { _ in } }
        }
        #expect(try failure("地址\nsomewhere\n")?.line == 1, "no number column")
        #expect(try failure("电梯编号,地址\nN00610,x\n")?.description.contains("line 2") == true)
        #expect(try failure("电梯编号,地址\nN006109,x\nN006109,y\n")?.line == 3, "duplicate")
        #expect(try failure("电梯编号,地址,行政区划\nN206109,x,崇川区\n")?.line == 2, "district disagrees with the number")
        #expect(try failure("电梯编号,地址\nN006109,\"x\n")?.line == 2, "unterminated quote")
        let invalidUTF8 = try temporaryFile("latin1.csv", "")
        try Data([0x6E, 0x75, 0x6D, 0x62, 0x65, 0x72, 0x2C, 0x61, 0x64, 0x64, 0x72, 0x65, 0x73, 0x73, 0x0A, 0x4E, 0x30, 0x30, 0x36, 0x31, 0x30, 0x39, 0x2C, 0xE9, 0x0A]).write(to: invalidUTF8)
        let error = #expect(throws: ImportError.self) { try ElevatorImporter(districts: districts).read(invalidUTF8) { _ in } }
        #expect(error?.description.contains("UTF-8") == true)
    }
}
