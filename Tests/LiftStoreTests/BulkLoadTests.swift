import Foundation
import GRDB
import LiftCore
import Testing

@testable import LiftStore

/// What the SQLite store does around a bulk load that the protocol leaves to each store: its
/// indexes and the text of its dates.
@Suite struct BulkLoadTests {
    static let district = District(digit: 0, name: "崇川区")

    static func indexes(_ database: AppDatabase) async throws -> [String] {
        try await database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
    }

    static func elevator(_ value: Int) -> Elevator {
        Elevator(number: NNumber(value: value)!, address: "紫东花苑\(value)号", district: district.name, maintenanceUnit: "南通弘扬电梯安装有限公司")
    }

    @Test func aLoadIntoAnEmptyStoreBuildsEveryIndexAgainEvenWhenItFails() async throws {
        let database = try AppDatabase.inMemory()
        let before = try await Self.indexes(database)
        #expect(before.contains { $0.contains("elevator_on_district_status") })
        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            _ = try await database.bulkLoad { add in
                try add(BulkElevator(Self.elevator(1), records: []))
                throw Stop()
            }
        }
        #expect(try await Self.indexes(database) == before)
        _ = try await database.bulkLoad { add in for value in 1...50 { try add(BulkElevator(Self.elevator(value), records: [])) } }
        #expect(try await Self.indexes(database) == before)
        let analyzed = try await database.reader.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl") }
        #expect(analyzed.contains("elevator"), "the planner has statistics for the indexes built at the end")
    }

    @Test func datesAreStoredAsGRDBWritesThem() throws {
        let dates = [0, 1, 59, 951_782_400, 1_795_000_000, 4_102_444_799, 253_402_300_799].map { Date(timeIntervalSince1970: TimeInterval($0)) }
        for date in dates {
            #expect(StorageTimestamp.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date)")
        }
        // Anything but a whole second from 1970 on is left to GRDB.
        #expect(StorageTimestamp.text(Date(timeIntervalSince1970: 1_795_000_000.25)) == nil)
        #expect(StorageTimestamp.text(Date(timeIntervalSince1970: -1)) == nil)
    }
}
