import Foundation
import LiftCore
import LiftPostgres
import LiftTestSupport
import Testing

/// Issue 14, group commit on PostgreSQL: complaints are committed with synchronous commit (the
/// server flushes WAL before each commit returns), and concurrent commits share WAL flushes by
/// themselves. Files complaints one at a time and many at once over the pool, checks that every
/// one is stored, and prints the rates (`swift test --filter PostgresComplaintThroughputTests`).
@Suite struct PostgresComplaintThroughputTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Files `count` complaints, `concurrency` at a time; complaints a second.
    static func file(_ count: Int, concurrency: Int, on store: PostgresStore) async throws -> Double {
        let draft = try ComplaintDraft(category: .complaint, problem: .noise, text: "异响").validated()
        let filing = ComplaintFiling(draft: draft, number: NNumber(value: 614)!, label: nil, verification: .unverified, receivedAt: now)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for _ in stride(from: worker, to: count, by: concurrency) { _ = try await store.file(filing) }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    @Test func complaintsAreDurableEvenWhereTheDatabaseDefaultIsNot() async throws {
        let database = try await PostgresTestServer.makeDatabase()
        let name = try #require(database.split(separator: "/").last)
        _ = try await PostgresTestServer.psql(database, "ALTER DATABASE \(name) SET synchronous_commit = off")
        #expect(try await PostgresTestServer.psql(database, "SHOW synchronous_commit") == "off")
        let store = try await PostgresStore.open(try PostgresAddress(parsing: database))
        defer { store.close() }
        #expect(try await store.synchronousCommit() == "on")
    }

    @Test func complaintsFiledTogetherShareATransactionAndEachGetsItsOwnAnswer() async throws {
        let database = try await PostgresTestServer.makeDatabase()
        let store = try await PostgresStore.open(try PostgresAddress(parsing: database))
        defer { store.close() }
        _ = try await store.upsert([Elevator(number: NNumber(value: 614)!, address: "紫东花苑1号", district: "崇川区", maintenanceUnit: "南通弘扬电梯安装有限公司")])
        _ = try await PostgresTestServer.psql(database, "UPDATE unit SET webhookURL = 'https://hooks.example.cn/liftcode'")
        #expect(try await PostgresTestServer.psql(database, "SHOW fsync") == "on")

        // 64 at once, every fifth about an elevator nobody registered.
        let draft = try ComplaintDraft(category: .complaint, problem: .noise, text: "异响").validated()
        let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Complaint, any Error>).self) { group in
            for index in 0..<320 {
                group.addTask {
                    let number = NNumber(value: index % 5 == 4 ? 615 : 614)!
                    let filing = ComplaintFiling(draft: draft, number: number, label: nil, verification: .unverified, receivedAt: Self.now)
                    do { return (index, .success(try await store.file(filing))) } catch { return (index, .failure(error)) }
                }
                if index >= 64 { _ = try await group.next() }
            }
            return try await group.reduce(into: [Int: Result<Complaint, any Error>]()) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes.count < 320, "the loop above already took some")
        let stored = Int(try await PostgresTestServer.psql(database, "SELECT count(*) FROM complaint")) ?? -1
        #expect(stored == 256, "every complaint about a registered elevator stored, no other")
        for (index, outcome) in outcomes {
            switch outcome {
            case .success(let complaint):
                #expect(index % 5 != 4)
                #expect(complaint.state == ComplaintState.routed && complaint.routedTo == "南通弘扬电梯安装有限公司" && complaint.events.count == 2)
            case .failure(let error):
                #expect(index % 5 == 4 && error as? ComplaintStoreError == .unknownElevator(NNumber(value: 615)!), "\(error)")
            }
        }
        #expect(try await PostgresTestServer.psql(database, "SELECT count(*) FROM complaintEvent") == "512", "two events each")
        #expect(try await PostgresTestServer.psql(database, "SELECT count(*) FROM outbox") == "256", "one webhook delivery each")
        // Rows written by one transaction share its id (xmin): far fewer transactions than complaints.
        let transactions = Int(try await PostgresTestServer.psql(database, "SELECT count(DISTINCT xmin::text) FROM complaint")) ?? -1
        #expect(transactions >= 1 && transactions <= 128, "\(transactions) transactions for 256 complaints")

        let oneAtATime = try await Self.file(200, concurrency: 1, on: store)
        let concurrently = try await Self.file(2000, concurrency: 32, on: store)
        #expect(try await PostgresTestServer.psql(database, "SELECT count(DISTINCT ticket) FROM complaint") == "2456", "every complaint stored once")
        print(String(format: "postgres complaints, synchronous commit: %.0f/s one at a time, %.0f/s 32 at once", oneAtATime, concurrently))
    }
}
