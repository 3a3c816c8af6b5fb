import Foundation
import LiftCore
import LiftPostgres
import LiftTestSupport
import Testing

/// The rules that must hold when several servers share one PostgreSQL database, each server
/// played by a store with its own connection pool on the same fresh database.
@Suite struct PostgresClusterTests {
    static let unit = "南通弘扬电梯安装有限公司"
    static let district = "崇川区"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Two stores (two servers' pools) on one new database, with `elevators` registered elevators
    /// of a unit that has a webhook, and a registered worker.
    static func twoServers(elevators: Int = 2) async throws -> (PostgresStore, PostgresStore) {
        let address = try PostgresAddress(parsing: try await PostgresTestServer.makeDatabase())
        let first = try await PostgresStore.open(address)
        let second = try await PostgresStore.open(address)
        _ = try await first.upsert(
            (0..<elevators).map { index in
                Elevator(
                    number: NNumber(value: 614 + index)!, address: "紫东花苑\(index)号", district: district, street: "文峰街道", maintenanceUnit: unit)
            })
        let webhook = try WebhookEndpoint(validating: "https://hongyang.example/hook")
        _ = try await first.updateUnit(UnitUpdate(name: unit, kind: .maintenance, webhook: .set(webhook)))
        _ = try await first.importWorkers { add in try add(Worker(login: "W0101", name: "陈建章", unitName: unit)) }
        return (first, second)
    }

    @Test func twoServersClaimingDeliveriesAtOnceGetDisjointRows() async throws {
        let (a, b) = try await Self.twoServers()
        defer { a.close(); b.close() }
        let draft = try ComplaintDraft(category: .complaint, problem: .doorWontClose, text: "门关不上").validated()
        for index in 0..<40 {
            _ = try await (index % 2 == 0 ? a : b).file(
                ComplaintFiling(draft: draft, number: NNumber(value: 614)!, label: nil, verification: .unverified, receivedAt: Self.now))
        }
        let later = Self.now.addingTimeInterval(60)
        var handedOut: [Int64] = []
        while true {
            async let fromA = a.dueDeliveries(at: later, limit: 30)
            async let fromB = b.dueDeliveries(at: later, limit: 30)
            let (claimedA, claimedB) = try await (fromA, fromB)
            // One address's rows are delivered one after another: a server claims only as many as
            // it tries within the claim, so a slow receiver cannot let the claim run out on rows
            // still waiting (another server would send them too).
            #expect(claimedA.count <= PostgresStore.outboxClaimsPerAddress && claimedB.count <= PostgresStore.outboxClaimsPerAddress)
            #expect(Set(claimedA.map(\.id)).isDisjoint(with: claimedB.map(\.id)), "no delivery is handed to two servers")
            handedOut += claimedA.map(\.id) + claimedB.map(\.id)
            if claimedA.isEmpty && claimedB.isEmpty { break }
        }
        #expect(handedOut.count == 40 && Set(handedOut).count == 40, "every due delivery went to exactly one of them")
        #expect(try await a.dueDeliveries(at: later, limit: 100).isEmpty, "claimed rows are not handed out again")
    }

    @Test func aDeliveryLeftByAServerThatDiedGoesToTheOtherAfterItsClaim() async throws {
        let (a, b) = try await Self.twoServers()
        defer { b.close() }
        let draft = try ComplaintDraft(category: .complaint, problem: .doorWontClose, text: "门关不上").validated()
        let filed = try await a.file(
            ComplaintFiling(draft: draft, number: NNumber(value: 614)!, label: nil, verification: .unverified, receivedAt: Self.now))
        let claimed = try await a.dueDeliveries(at: Self.now, limit: 10)
        #expect(claimed.map(\.complaintID) == [filed.publicID])
        a.close()  // killed mid-delivery: never marks it
        #expect(try await b.dueDeliveries(at: Self.now.addingTimeInterval(1), limit: 10).isEmpty, "still claimed by the first")
        let takenOver = try await b.dueDeliveries(at: Self.now.addingTimeInterval(PostgresStore.outboxClaimSeconds + 1), limit: 10)
        #expect(takenOver.map(\.id) == claimed.map(\.id))
        try await b.markDelivered(takenOver[0].id, at: Self.now)
        #expect(try await b.dueDeliveries(at: Self.now.addingTimeInterval(3600), limit: 10).isEmpty)
    }

    @Test func concurrentUploadsOfOneWorkerOverTwoServersGiveExactlyOneOverQuota() async throws {
        let quota = MaintenanceRules.dailyQuota
        let (a, b) = try await Self.twoServers(elevators: quota + 1)
        defer { a.close(); b.close() }
        let uploads = try await withThrowingTaskGroup(of: MaintenanceUpload.self) { group in
            for index in 0...quota {
                // Visits one after another (they must not overlap), all uploaded at once.
                let start = Self.now.addingTimeInterval(Double(index) * 3600)
                let record = MaintenanceRecord(
                    clientID: "phone-\(index)", number: NNumber(value: 614 + index)!, type: .halfMonth, startedAt: start,
                    endedAt: start.addingTimeInterval(40 * 60), uploadedAt: Self.now.addingTimeInterval(Double(quota + 1) * 3600),
                    workerLogin: "W0101", workerName: "陈建章", maintenanceUnit: Self.unit, status: .passed)
                let store = index % 2 == 0 ? a : b
                group.addTask { try await store.upload(record) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(uploads.count == quota + 1)
        #expect(uploads.filter { $0.entry.record.abnormal == .overQuota }.count == 1, "exactly one is the elevator over the day's quota")
    }

    @Test func aRetriedUploadIdSentToTwoServersAtOnceIsStoredOnce() async throws {
        let (a, b) = try await Self.twoServers()
        defer { a.close(); b.close() }
        let record = MaintenanceRecord(
            clientID: "phone-1", number: NNumber(value: 614)!, type: .halfMonth, startedAt: Self.now,
            endedAt: Self.now.addingTimeInterval(45 * 60), uploadedAt: Self.now.addingTimeInterval(50 * 60), workerLogin: "W0101",
            workerName: "陈建章", maintenanceUnit: Self.unit, status: .passed)
        let uploads = try await withThrowingTaskGroup(of: MaintenanceUpload.self) { group in
            for index in 0..<10 {
                let store = index % 2 == 0 ? a : b
                group.addTask { try await store.upload(record) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(uploads.filter { !$0.isRetry }.count == 1, "answered as new once, as a retry the other times")
        #expect(Set(uploads.map(\.entry.record.id)).count == 1)
        #expect(try await b.maintenanceEntries(MaintenanceFilter()).count == 1)
    }

    @Test func migrationsAreNamedAndRunOnceWhenServersOpenTogether() async throws {
        let address = try PostgresAddress(parsing: try await PostgresTestServer.makeDatabase())
        async let first = PostgresStore.open(address)
        async let second = PostgresStore.open(address)
        let (a, b) = try await (first, second)
        defer { a.close(); b.close() }
        #expect(try await a.appliedMigrations() == PostgresStore.migrationNames)
    }

    @Test func badAddressesAreRefusedWithTheReason() async throws {
        #expect(throws: PostgresAddressError.self) { try PostgresAddress(parsing: "postgres://127.0.0.1:5432/liftcode") }
        #expect(throws: PostgresAddressError.self) { try PostgresAddress(parsing: "postgres://liftcode@127.0.0.1:5432/") }
        let address = try PostgresAddress(parsing: "postgres://liftcode:secret@db.example:6543/city")
        #expect(address.port == 6543 && address.database == "city" && address.description == "postgres://liftcode@db.example:6543/city")
        #expect(throws: PostgresAddressError.self) { try PostgresAddress(parsing: "postgres://liftcode@127.0.0.1/db?sslmode=sometimes") }
        #expect(try PostgresAddress(parsing: "postgres://liftcode@127.0.0.1/db?sslmode=require").tls == .require)
        #expect(try PostgresAddress(parsing: "postgres://liftcode@127.0.0.1/db").tls == .prefer)
        // Another machine: TLS unless told otherwise (no downgrade to a password in clear).
        #expect(try PostgresAddress(parsing: "postgres://liftcode@db.example/db").tls == .require)
        #expect(try PostgresAddress(parsing: "postgres://liftcode@db.example/db?sslmode=prefer").tls == .prefer)
        // The scheme in any case is PostgreSQL, never a SQLite file named after the address.
        #expect(PostgresAddress.isPostgres("POSTGRES://lc:S3cret@db.example/lift") && PostgresAddress.isPostgres("PostgreSQL://x@y/z"))
        #expect(try PostgresAddress(parsing: "Postgres://lc:S3cret@db.example/lift").database == "lift")
        // A password is never echoed, even in an address that does not parse or in an option.
        for text in [
            "postgres://lc:S3cret#Pw@127.0.0.1:5432/lift", "postgres://lc:S3cret@127.0.0.1:5432/lift?password=S3cret",
            "postgres://lc:S3cret@127.0.0.1:99999/lift", "postgres://lc:S3cret@/lift",
        ] {
            do {
                _ = try PostgresAddress(parsing: text)
                Issue.record("\(text) parsed")
            } catch let error as PostgresAddressError {
                #expect(!error.description.contains("S3cret"), "\(error.description)")
            }
        }
        #expect(PostgresAddress.redacted("postgres://lc:S3cret#Pw@host/db") == "postgres://lc:***@host/db")
        let server = try await PostgresTestServer.shared()
        // The tests' server offers no TLS: required, it is refused; preferred (the default), it is used without.
        await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresStore.open(
                PostgresAddress(user: "liftcode", host: "127.0.0.1", port: server.port, database: "postgres", tls: .require))
        }
        await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresStore.open(PostgresAddress(user: "liftcode", host: "127.0.0.1", port: server.port, database: "no_such_db"))
        }
    }
}
