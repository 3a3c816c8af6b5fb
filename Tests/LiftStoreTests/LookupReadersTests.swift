import Foundation
import GRDB
import LiftCore
import Testing

@testable import LiftStore

/// The label lookup's own read-only connections: they see every commit, and a caller never waits
/// for one (all busy means the usual async read).
@Suite struct LookupReadersTests {
    @Test func aLookupSeesEachCommitAndFallsBackWhenEveryConnectionIsBusy() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-lookup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("liftcode.sqlite").path
        let database = try AppDatabase.open(path: path)
        let number = try NNumber(parsing: "N000614")
        #expect(try await database.facts(for: number) == nil)
        var elevator = Elevator(number: number, address: "崇川区文峰街道紫东花苑沿街", district: "崇川区", nextInspection: CivilDate(year: 2027, month: 1, day: 9))
        _ = try await database.upsert([elevator])
        #expect(try await database.facts(for: number)?.elevator == elevator, "a commit is seen by the next lookup")
        elevator.address = "新地址"
        _ = try await database.upsert([elevator])
        #expect(try await database.facts(for: number)?.elevator.address == "新地址")

        let readers = try LookupReaders(path: path, count: 1)
        let nested = try readers.readNow { _ in try readers.readNow { _ in 1 } }
        #expect(nested == .some(nil), "with its one connection busy, a second read is refused at once")
        #expect(try readers.readNow { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM elevator") } == 1)
        #expect(throws: DatabaseError.self, "the connections are read-only") {
            try readers.readNow { db in try db.execute(sql: "DELETE FROM elevator") }
        }
    }
}
