import Foundation
import LiftCore
import Testing

@testable import LiftStore

@Suite struct MaintenanceStoreTests {
    /// A database file (a WAL DatabasePool, as `serve` uses) with `count` elevators of one unit.
    func database(elevators count: Int) async throws -> (AppDatabase, [NNumber]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-\(UUID().uuidString)/db.sqlite").path
        let database = try AppDatabase.open(path: path)
        let numbers = (1...count).map { NNumber(value: 800 + $0)! }
        _ = try await database.upsert(numbers.map { Elevator(number: $0, address: "测试路\($0.value)号", district: "崇川区", maintenanceUnit: "甲单位") })
        return (database, numbers)
    }

    /// Now, in whole seconds (the database keeps milliseconds).
    static var now: Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }

    /// A 40-minute visit ending 10 minutes before the upload, or `slot` half hours before that
    /// (one worker's visits may not overlap: back-to-back 30-minute visits).
    func visit(_ number: NNumber, clientID: String, uploadedAt: Date, worker: String = "W0101", slot: Int? = nil) -> MaintenanceRecord {
        let end = uploadedAt.addingTimeInterval(-600 - Double(slot ?? 0) * 1801)
        return MaintenanceRecord(
            clientID: clientID, number: number, type: .halfMonth, startedAt: end.addingTimeInterval(slot == nil ? -2400 : -1800), endedAt: end,
            uploadedAt: uploadedAt, workerLogin: worker, workerName: "陈建章", maintenanceUnit: "甲单位", status: .passed)
    }

    @Test func concurrentUploadsNeverShareTheEighthPlace() async throws {
        let (database, numbers) = try await database(elevators: 16)
        let noon = ShanghaiTime.startOfDay(CivilDate(year: 2026, month: 11, day: 25)!).addingTimeInterval(12 * 3600)
        let uploads = try await withThrowingTaskGroup(of: MaintenanceUpload.self) { group in
            for (index, number) in numbers.enumerated() {
                group.addTask { try await database.upload(visit(number, clientID: "c\(index)", uploadedAt: noon.addingTimeInterval(Double(index)), slot: index)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(uploads.count == 16)
        #expect(uploads.filter { $0.entry.record.abnormal == nil }.count == 8, "exactly eight within the quota")
        #expect(uploads.filter { $0.entry.record.abnormal == .overQuota }.count == 8)
        // The normal ones are exactly the first eight to take the write lock.
        let normal = uploads.filter { $0.entry.record.abnormal == nil }.map(\.entry.id).sorted()
        #expect(normal == Array(normal.first!...(normal.first! + 7)))
    }

    @Test func concurrentRetriesStoreOneRecord() async throws {
        let (database, numbers) = try await database(elevators: 1)
        let now = Self.now
        let record = visit(numbers[0], clientID: "same", uploadedAt: now)
        let uploads = try await withThrowingTaskGroup(of: MaintenanceUpload.self) { group in
            for _ in 0..<10 { group.addTask { try await database.upload(record) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(uploads.map(\.entry.id)).count == 1)
        #expect(uploads.filter { !$0.isRetry }.count == 1)
        #expect(try await database.maintenanceEntries(MaintenanceFilter()).count == 1)
        let facts = try #require(try database.factsNow(for: numbers[0]))
        #expect(facts.lastMaintenance?.endedAt == record.endedAt)
    }

    @Test func theQuotaCountsDistinctElevatorsOfTheUploadDay() async throws {
        let (database, numbers) = try await database(elevators: 10)
        let day = ShanghaiTime.startOfDay(CivilDate(year: 2026, month: 11, day: 25)!)
        // Eight elevators, one of them twice: the ninth upload is a repeat and uses no new quota…
        for index in 0..<8 {
            _ = try await database.upload(visit(numbers[index], clientID: "a\(index)", uploadedAt: day.addingTimeInterval(Double(8 + index) * 3600)))
        }
        // …but another worker's day and yesterday's uploads do not count either.
        _ = try await database.upload(visit(numbers[9], clientID: "other", uploadedAt: day.addingTimeInterval(9 * 3600), worker: "W0202"))
        _ = try await database.upload(visit(numbers[9], clientID: "yesterday", uploadedAt: day.addingTimeInterval(-60)))
        let ninth = try await database.upload(visit(numbers[8], clientID: "a8", uploadedAt: day.addingTimeInterval(20 * 3600)))
        #expect(ninth.entry.record.abnormal == .overQuota)
        let unknown = visit(NNumber(value: 999_999)!, clientID: "x", uploadedAt: day)
        await #expect(throws: MaintenanceStoreError.unknownElevator(NNumber(value: 999_999)!)) { try await database.upload(unknown) }
    }

    @Test func reviewAndSupplementFollowTheStatuses() async throws {
        let (database, numbers) = try await database(elevators: 1)
        var typed = visit(numbers[0], clientID: "t", uploadedAt: Self.now)
        typed.status = .reviewing
        typed.verification = .unverified
        let id = try await database.upload(typed).entry.id
        await #expect(throws: MaintenanceStoreError.wrongStatus(id: id, status: .reviewing, action: "supplemented")) {
            try await database.supplement(id: id, items: nil, remarks: "x", at: Date())
        }
        await #expect(throws: MaintenanceStoreError.notADecision(.reviewing)) {
            try await database.review(id: id, decision: .reviewing, note: nil, by: "r", at: Date())
        }
        let asked = try await database.review(id: id, decision: .needsData, note: "照片", by: "崇川区", at: Date())
        #expect(asked.record.status == .needsData)
        #expect(asked.review?.note == "照片")
        #expect(try database.factsNow(for: numbers[0])?.lastMaintenance == nil)
        let back = try await database.supplement(id: id, items: ["门锁"], remarks: nil, at: Date())
        #expect(back.record.status == .reviewing)
        #expect(back.record.items == ["门锁"])
        let passed = try await database.review(id: id, decision: .passed, note: nil, by: "崇川区", at: Date())
        #expect(passed.record.isCounted)
        #expect(passed.uploadStatus == .reviewing, "the first answer is kept")
        #expect(try database.factsNow(for: numbers[0])?.lastMaintenance?.endedAt == typed.endedAt)
        await #expect(throws: MaintenanceStoreError.unknownRecord(999)) {
            try await database.review(id: 999, decision: .passed, note: nil, by: "r", at: Date())
        }
    }

    @Test func anUploadTakesTheWorkersNameFromTheRegister() async throws {
        let (database, numbers) = try await database(elevators: 2)
        try database.saveWorker(Worker(login: "W0101", name: "陈建章", unitName: "甲单位"))
        var record = visit(numbers[0], clientID: "n", uploadedAt: Self.now)
        record.workerName = "W0101"
        #expect(try await database.upload(record).entry.record.workerName == "陈建章")
        var stranger = visit(numbers[1], clientID: "s", uploadedAt: Self.now, worker: "W0999")
        stranger.workerName = "李四"
        #expect(try await database.upload(stranger).entry.record.workerName == "李四")
        #expect(try database.factsNow(for: numbers[0])?.lastMaintenance?.workerName == "陈建章")
    }

    @Test func aFailingImportWritesNothing() async throws {
        struct Stop: Error {}
        let (database, numbers) = try await database(elevators: 1)
        await #expect(throws: Stop.self) {
            try await database.importMaintenance { add in
                try add(visit(numbers[0], clientID: "import:1", uploadedAt: Self.now, worker: "W0300"))
                throw Stop()
            }
        }
        #expect(try await database.maintenanceEntries(MaintenanceFilter()).isEmpty)
        #expect(try await database.worker(login: "W0300") == nil)
        #expect(try database.factsNow(for: numbers[0])?.lastMaintenance == nil)
    }
}
