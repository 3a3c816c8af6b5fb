import Foundation
import LiftCore
import Testing

@testable import LiftStore

@Suite struct RegistryStoreTests {
    @Test func upsertInsertsThenUpdatesAndCreatesUnits() async throws {
        let database = try AppDatabase.inMemory()
        let number = try NNumber(parsing: "N000614")
        var elevator = Elevator(
            number: number, rescueCode: "005248", address: "崇川区文峰街道紫东花苑沿街", district: "崇川区",
            nextInspection: CivilDate(year: 2017, month: 10, day: 1), userUnit: "江苏坤园物业管理有限公司",
            maintenanceUnit: "南通弘扬电梯安装有限公司")
        await #expect(try database.upsert([elevator]) == UpsertCount(inserted: 1, updated: 0))
        elevator.address = "新地址"
        await #expect(try database.upsert([elevator]) == UpsertCount(inserted: 0, updated: 1))
        let facts = try #require(try await database.facts(for: number))
        #expect(facts.elevator == elevator)
        #expect(try await database.unit(named: "南通弘扬电梯安装有限公司", kind: .maintenance) != nil)
        #expect(try await database.facts(for: try NNumber(parsing: "N000615")) == nil)
    }

    @Test func anUpdateSetsOnlyTheGivenFieldsAndADryRunWritesNothing() async throws {
        let database = try AppDatabase.inMemory()
        let number = try NNumber(parsing: "N006109")
        let full = Elevator(
            number: number, registrationCode: "30203206112014120104", address: "崇川区钟通甲路6号紫东世纪", district: "崇川区",
            street: "文峰街道", nextInspection: CivilDate(year: 2017, month: 10, day: 28), userUnit: "江苏中江国际房地产有限公司南通分公司",
            maintenanceUnit: "江南嘉捷电梯股份有限公司苏州分公司", manufacturer: "江南嘉捷电梯")
        _ = try await database.upsert([full])
        // A row of a file with only number, address and maintenance unit columns.
        let partial = Elevator(number: number, address: "崇川区钟通甲路8号", district: "崇川区", maintenanceUnit: "南通安川电梯有限公司")
        let fields: Set<ElevatorField> = [.address, .maintenanceUnit]
        let dry = try await database.importElevators(setting: fields, dryRun: true) { upsert in try upsert(partial) }
        #expect(dry.updated == 1 && dry.inserted == 0)
        #expect(dry.updates.first?.changes.map(\.field) == [.address, .maintenanceUnit])
        #expect(dry.updates.first?.changes.first?.old == "崇川区钟通甲路6号紫东世纪")
        #expect(try await database.facts(for: number)?.elevator == full, "a dry run writes nothing")
        #expect(try await database.unit(named: "南通安川电梯有限公司", kind: .maintenance) == nil, "not even a unit")

        let done = try await database.importElevators(setting: fields, dryRun: false) { upsert in try upsert(partial) }
        #expect(done.count == UpsertCount(inserted: 0, updated: 1))
        var expected = full
        expected.address = partial.address
        expected.maintenanceUnit = partial.maintenanceUnit
        #expect(try await database.facts(for: number)?.elevator == expected, "fields without a column are kept")
        let again = try await database.importElevators(setting: fields, dryRun: false) { upsert in try upsert(partial) }
        #expect(again.count == UpsertCount(inserted: 0, updated: 0, unchanged: 1))
    }

    @Test func aFailingProducerWritesNothing() async throws {
        struct Stop: Error {}
        let database = try AppDatabase.inMemory()
        await #expect(throws: Stop.self) {
            try await database.upsertElevators { upsert in
                try upsert(Elevator(number: NNumber(value: 1)!, address: "a", district: "崇川区"))
                throw Stop()
            }
        }
        #expect(try database.elevatorCount() == 0)
    }

    @Test func countedMaintenanceKeepsTheStatusCurrent() async throws {
        let database = try AppDatabase.inMemory()
        let number = try NNumber(parsing: "N008243")
        _ = try await database.upsert([Elevator(number: number, address: "天一学府", district: "崇川区", maintenanceUnit: "南通安川电梯有限公司")])
        try database.saveWorker(Worker(login: "W0001", name: "陈建章", phone: "13912345678", unitName: "南通安川电梯有限公司"))
        let start = try #require(ShanghaiTime.parseLocal("2017-10-13 13:53"))
        let record = MaintenanceRecord(
            number: number, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(37 * 60),
            uploadedAt: start.addingTimeInterval(39 * 60), workerLogin: "W0001", workerName: "陈建章",
            maintenanceUnit: "南通安川电梯有限公司", status: .passed)
        try database.insertMaintenanceRecord(record)
        var late = record
        late.startedAt = start.addingTimeInterval(86_400)
        late.endedAt = late.startedAt.addingTimeInterval(40 * 60)
        late.uploadedAt = late.endedAt.addingTimeInterval(9 * 3600)
        late.abnormal = .lateUpload
        try database.insertMaintenanceRecord(late)

        let facts = try #require(try await database.facts(for: number))
        let day = try CivilDate(parsing: "2017-10-13")
        #expect(facts.history.lastCounted[.halfMonth] == day, "the late upload does not count")
        #expect(facts.lastMaintenance?.workerName == "陈建章")
        #expect(facts.lastMaintenance?.workerPhone == "13912345678")
        #expect(facts.nextHalfMonthDue == day.adding(days: 15))
        #expect(facts.status(on: day.adding(days: 15)) == .current)
        #expect(facts.status(on: day.adding(days: 16)) == .overdue)
    }
}
