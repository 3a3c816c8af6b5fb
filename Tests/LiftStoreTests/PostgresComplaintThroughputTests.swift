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

    @Test func complaintsAreCommittedSynchronouslyAndConcurrentOnesShareFlushes() async throws {
        let database = try await PostgresTestServer.makeDatabase()
        let store = try await PostgresStore.open(try PostgresAddress(parsing: database))
        defer { store.close() }
        _ = try await store.upsert([Elevator(number: NNumber(value: 614)!, address: "紫东花苑1号", district: "崇川区", maintenanceUnit: "南通弘扬电梯安装有限公司")])
        #expect(try await PostgresTestServer.psql(database, "SHOW synchronous_commit") == "on")
        #expect(try await PostgresTestServer.psql(database, "SHOW fsync") == "on")

        let oneAtATime = try await Self.file(200, concurrency: 1, on: store)
        let concurrently = try await Self.file(2000, concurrency: 32, on: store)
        #expect(try await PostgresTestServer.psql(database, "SELECT count(*) FROM complaint") == "2200", "every complaint stored")
        #expect(try await PostgresTestServer.psql(database, "SELECT count(DISTINCT ticket) FROM complaint") == "2200")
        // The same without waiting for the flush (what durability costs here): a database set so.
        let relaxed = try await PostgresTestServer.makeDatabase()
        _ = try await PostgresTestServer.psql(relaxed, "ALTER DATABASE \(relaxed.split(separator: "/").last!) SET synchronous_commit = off")
        let unsafeStore = try await PostgresStore.open(try PostgresAddress(parsing: relaxed))
        defer { unsafeStore.close() }
        _ = try await unsafeStore.upsert([Elevator(number: NNumber(value: 614)!, address: "紫东花苑1号", district: "崇川区", maintenanceUnit: "南通弘扬电梯安装有限公司")])
        let withoutFlush = try await Self.file(2000, concurrency: 32, on: unsafeStore)
        print(
            String(
                format: "postgres complaints, synchronous commit: %.0f/s one at a time, %.0f/s 32 at once over the pool; without waiting for the flush %.0f/s",
                oneAtATime, concurrently, withoutFlush))
    }
}
