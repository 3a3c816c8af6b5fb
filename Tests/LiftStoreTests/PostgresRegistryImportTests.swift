import Foundation
import LiftCore
import LiftPostgres
import LiftStore
import LiftTestSupport
import Testing

/// The registry import on PostgreSQL (COPY for new elevators, diffs for known ones) reports and
/// stores exactly what SQLite's does, import after import: the same sequence is run on both.
@Suite struct PostgresRegistryImportTests {
    static func elevator(_ number: Int, address: String, street: String? = "文峰街道", unit: String? = "弘扬电梯") -> Elevator {
        Elevator(
            number: NNumber(value: number)!, rescueCode: "00\(number)", address: address, building: "紫东花苑\tA座", district: "崇川区",
            street: street, nextInspection: try? CivilDate(parsing: "2027-03-01"), userUnit: "坤园物业", maintenanceUnit: unit,
            manufacturer: "奥的斯\\上海")
    }

    /// The imports, in order: (fields set, dry run, rows).
    static let imports: [(Set<ElevatorField>, Bool, [Elevator])] = [
        (Set(ElevatorField.allCases), false, [elevator(614, address: "紫东花苑1号"), elevator(615, address: "紫东花苑2号"), elevator(616, address: "x")]),
        // A change, an unchanged row, a new one listed twice, and a change of a field the file lacks (ignored).
        (
            [.address, .maintenanceUnit], false,
            [
                elevator(614, address: "紫东花苑1号楼", unit: "通力电梯"), elevator(615, address: "紫东花苑2号"),
                elevator(617, address: "新楼", street: "新街道"), elevator(617, address: "新楼B"), elevator(616, address: "x", street: "别处"),
            ]
        ),
        // A dry run reports and writes nothing.
        (Set(ElevatorField.allCases), true, [elevator(615, address: "改了"), elevator(618, address: "未来")]),
    ]

    @Test func bothEnginesReportAndStoreTheSame() async throws {
        let sqlite = try AppDatabase.inMemory()
        let postgres = try await PostgresStore.open(try PostgresAddress(parsing: try await PostgresTestServer.makeDatabase()))
        defer { postgres.close() }
        for (fields, dryRun, rows) in Self.imports {
            let expected = try await sqlite.importElevators(setting: fields, dryRun: dryRun) { upsert in for row in rows { try upsert(row) } }
            let got = try await postgres.importElevators(setting: fields, dryRun: dryRun) { upsert in for row in rows { try upsert(row) } }
            #expect(got == expected)
            let stored = try await postgres.elevators(ElevatorFilter())
            #expect(stored == (try await sqlite.elevators(ElevatorFilter())))
        }
        #expect(try await postgres.facts(for: NNumber(value: 614)!)?.elevator.address == "紫东花苑1号楼")
        #expect(try await postgres.facts(for: NNumber(value: 618)!) == nil, "the dry run wrote nothing")
        #expect(try await postgres.facts(for: NNumber(value: 614)!)?.elevator.building == "紫东花苑\tA座", "tabs survive COPY")
        #expect(try await postgres.facts(for: NNumber(value: 614)!)?.elevator.manufacturer == "奥的斯\\上海", "backslashes survive COPY")
    }

    @Test func aLargeImportStreamsInChunksAndMatchesItsCount() async throws {
        let postgres = try await PostgresStore.open(try PostgresAddress(parsing: try await PostgresTestServer.makeDatabase()))
        defer { postgres.close() }
        let report = try await postgres.importElevators(setting: Set(ElevatorField.allCases), dryRun: false) { upsert in
            for number in 1..<20_001 { try upsert(Self.elevator(number, address: "路\(number)号", unit: "单位\(number % 7)")) }
        }
        #expect(report.inserted == 20_000)
        #expect(try await postgres.elevatorCount() == 20_000)
        #expect(try await postgres.unitListings(kind: .maintenance).count == 7)
    }
}
