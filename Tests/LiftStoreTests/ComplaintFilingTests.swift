import Foundation
import GRDB
import LiftCore
import Testing

@testable import LiftStore

/// Complaints filed at the same moment share commits but stay separate: each is written whole or
/// not at all, and one bad filing does not fail the others.
@Suite struct ComplaintFilingTests {
    @Test func concurrentFilingsAreEachDurableAndIndependent() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-filing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // On disk, as served: a WAL database pool.
        let database = try AppDatabase.open(path: folder.appendingPathComponent("liftcode.sqlite").path)
        let registered = try NNumber(parsing: "N000614")
        let unknown = try NNumber(parsing: "N000615")
        _ = try await database.upsert([
            Elevator(number: registered, address: "崇川区文峰街道紫东花苑沿街", district: "崇川区", maintenanceUnit: "南通弘扬电梯安装有限公司")
        ])

        let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Complaint, ComplaintStoreError>).self) { group in
            for index in 0..<300 {
                group.addTask {
                    let number = index % 10 == 9 ? unknown : registered
                    let filing = ComplaintFiling(
                        draft: ComplaintDraft(category: .complaint, problem: .noise, text: "第\(index)次"), number: number, label: nil,
                        verification: .unverified, receivedAt: Date())
                    do {
                        return (index, .success(try await database.file(filing)))
                    } catch let error as ComplaintStoreError {
                        return (index, .failure(error))
                    }
                }
            }
            var outcomes: [Int: Result<Complaint, ComplaintStoreError>] = [:]
            for try await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }

        var tickets = Set<String>()
        for (index, outcome) in outcomes {
            switch outcome {
            case .success(let complaint):
                #expect(index % 10 != 9)
                #expect(complaint.routedTo == "南通弘扬电梯安装有限公司" && complaint.draft.text == "第\(index)次")
                tickets.insert(complaint.ticket)
            case .failure(let error):
                #expect(index % 10 == 9)
                #expect(error == .unknownElevator(unknown))
            }
        }
        #expect(tickets.count == 270)
        // Every acknowledged complaint is there, read back through a fresh connection.
        let reopened = try DatabaseQueue(path: folder.appendingPathComponent("liftcode.sqlite").path)
        let stored = try await reopened.read { db in try String.fetchSet(db, sql: "SELECT ticket FROM complaint") }
        #expect(stored == tickets)
        let events = try await reopened.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM complaintEvent") }
        #expect(events == 270 * 2)  // received and routed
    }
}
