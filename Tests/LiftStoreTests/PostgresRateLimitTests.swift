import Foundation
import LiftCore
import LiftPostgres
import LiftTestSupport
import Testing

/// Complaint rate limits counted in PostgreSQL: two stores (two servers' pools) on one database
/// spend one budget per key, exactly, even when checking at the same moment; expired windows are
/// swept away; keys are bound, never spliced into SQL.
@Suite struct PostgresRateLimitTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_020)
    /// The tests that check many times at once count exactly; a server's 3 s lock wait is about a
    /// stuck database, and forty checks queued on one row of a loaded test machine can exceed it
    /// (`PostgresRateLimitAcrossServersTests` shows what a server does when a check cannot be made).
    static let patient = PostgresRateLimiter.Waiting(lock: "60s", statement: "90s")

    static func twoServers() async throws -> (PostgresStore, PostgresStore, String) {
        let database = try await PostgresTestServer.makeDatabase()
        let address = try PostgresAddress(parsing: database)
        return (try await PostgresStore.open(address), try await PostgresStore.open(address), database)
    }

    @Test func concurrentEventsOnTwoServersAreCountedExactlyOnce() async throws {
        let (a, b, _) = try await Self.twoServers()
        defer { a.close(); b.close() }
        let onA = a.rateLimiter(named: "client", limit: 10, window: 60, waiting: Self.patient)
        let onB = b.rateLimiter(named: "client", limit: 10, window: 60, waiting: Self.patient)
        let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<40 { group.addTask { try await (index % 2 == 0 ? onA : onB).allow("203.0.113.7", now: Self.now) } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 10, "40 complaints at once over two servers, a limit of 10")
        #expect(try await onB.allow("203.0.113.8", now: Self.now), "another address has its own budget")
        #expect(try await a.rateLimiter(named: "elevator", limit: 10, window: 60).allow("203.0.113.7", now: Self.now), "another limiter too")
        // The next window starts afresh.
        #expect(try await onA.allow("203.0.113.7", now: Self.now.addingTimeInterval(60)))
    }

    @Test func distinctMembersAreSharedAndARefusedMemberIsNotCounted() async throws {
        let (a, b, _) = try await Self.twoServers()
        defer { a.close(); b.close() }
        let onA = a.rateLimiter(named: "elevator", limit: 3, window: 3600, waiting: Self.patient)
        let onB = b.rateLimiter(named: "elevator", limit: 3, window: 3600, waiting: Self.patient)
        // Twenty clients at once, over both servers: exactly three places.
        let allowed = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<20 {
                group.addTask { try await (index % 2 == 0 ? onA : onB).allow("614", member: "198.51.100.\(index)", now: Self.now) ? "198.51.100.\(index)" : nil }
            }
            return try await group.reduce(into: [String]()) { if let member = $1 { $0.append(member) } }
        }
        #expect(allowed.count == 3, "\(allowed)")
        // A counted client passes again on either server and does not count twice.
        for member in allowed {
            #expect(try await onA.allow("614", member: member, now: Self.now))
            #expect(try await onB.allow("614", member: member, now: Self.now))
        }
        // A refused client stays refused (its place was not kept), on both servers.
        let refused = (0..<20).map { "198.51.100.\($0)" }.first { !allowed.contains($0) }!
        #expect(try await !onA.allow("614", member: refused, now: Self.now))
        #expect(try await !onB.allow("614", member: refused, now: Self.now))
        // The same clients about another elevator, or in the next hour, start afresh.
        #expect(try await onB.allow("618", member: refused, now: Self.now))
        #expect(try await onA.allow("614", member: refused, now: Self.now.addingTimeInterval(3600)))
    }

    @Test func expiredWindowsAreSweptAndKeysAreOnlyData() async throws {
        let (a, b, database) = try await Self.twoServers()
        defer { a.close(); b.close() }
        let limiter = a.rateLimiter(named: "client", limit: 2, window: 60)
        let elevators = a.rateLimiter(named: "elevator", limit: 2, window: 60)
        // A stranger flooding with new keys, one of them SQL.
        let hostile = "'); DROP TABLE rateWindow; --"
        for index in 0..<200 { #expect(try await limiter.allow("2001:db8::\(index)", now: Self.now)) }
        #expect(try await limiter.allow(hostile, now: Self.now))
        #expect(try await elevators.allow("614", member: hostile, now: Self.now))
        let stored = try await PostgresTestServer.psql(database, "SELECT count(*) FROM rateWindow WHERE key = '''); DROP TABLE rateWindow; --'")
        #expect(stored == "1", "the key is stored as it came")
        #expect(try await PostgresTestServer.psql(database, "SELECT count(*) FROM rateWindow") == "202")
        #expect(try await PostgresTestServer.psql(database, "SELECT count(*) FROM rateMember") == "1")

        // A check well after the windows ended sweeps them (the first check of a limiter always sweeps;
        // this one is new, so it does).
        let later = Self.now.addingTimeInterval(120 + PostgresRateLimiter.sweepGrace)
        #expect(try await b.rateLimiter(named: "client", limit: 2, window: 60).allow("192.0.2.1", now: later))
        // The sweep runs beside the check: wait for it (a condition, polled).
        let deadline = ContinuousClock.now + .seconds(20)
        while try await PostgresTestServer.psql(database, "SELECT count(*) FROM rateMember") != "0", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await PostgresTestServer.psql(database, "SELECT count(*) FROM rateWindow") == "1", "only the new window is left")
        #expect(try await PostgresTestServer.psql(database, "SELECT count(*) FROM rateMember") == "0")
    }

    @Test func aServerWhoseClockRunsAheadDoesNotSweepWindowsStillCounted() async throws {
        let (a, b, _) = try await Self.twoServers()
        defer { a.close(); b.close() }
        let onA = a.rateLimiter(named: "client", limit: 2, window: 60)
        #expect(try await onA.allow("203.0.113.9", now: Self.now))
        #expect(try await onA.allow("203.0.113.9", now: Self.now))
        #expect(try await !onA.allow("203.0.113.9", now: Self.now))
        // A second server, its clock two minutes ahead, checks (and, being new, sweeps).
        #expect(try await b.rateLimiter(named: "client", limit: 2, window: 60).allow("192.0.2.1", now: Self.now.addingTimeInterval(120)))
        #expect(try await !onA.allow("203.0.113.9", now: Self.now), "the client's spent budget is still spent on the first server")
    }
}
