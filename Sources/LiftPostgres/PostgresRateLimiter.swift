import Foundation
import LiftCore
import PostgresNIO
import Synchronization

/// A complaint rate limit counted in PostgreSQL, so that every server on the database spends one
/// budget per key: a client over its limit on one server is refused on the others too.
///
/// Fixed windows aligned to the clock (`windowStart` is the time rounded down to the window): an
/// event is one UPSERT that adds to the window's count only while it is under the limit; a member
/// is a row of `rateMember` (unique per window), counted in the same statement and rolled back
/// when the window is full, so a refused member is not taken as counted later. Every value is a
/// bound parameter. Expired windows are deleted every `sweepInterval` by whichever server checks
/// (`sweepGrace` after they end), so the tables hold at most the keys of the last window and grace: a stranger sending from ever new
/// addresses grows them only as fast as the server takes requests, and they shrink again.
public struct PostgresRateLimiter: RateLimiting {
    let store: PostgresStore
    /// Keeps this limiter's keys apart from other limiters' ("client", "elevator").
    public let name: String
    public let limit: Int
    /// The window's length in whole seconds (at least 1).
    public let windowSeconds: Int
    /// How long a check may wait for a lock, and in all.
    public let waiting: Waiting
    private let sweeps: SweepSchedule

    /// How often expired windows are deleted (by each limiter that is used).
    public static let sweepInterval: TimeInterval = 30

    init(store: PostgresStore, name: String, limit: Int, window: TimeInterval, waiting: Waiting = .serving) {
        self.store = store
        self.name = name
        self.limit = limit
        self.waiting = waiting
        windowSeconds = max(1, Int(window.rounded(.up)))
        sweeps = SweepSchedule()
    }

    /// The start and end of the window `now` falls in, in whole seconds since 1970.
    func bounds(_ now: Date) -> (start: Int, expires: Int) {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down))
        let start = seconds - ((seconds % windowSeconds) + windowSeconds) % windowSeconds
        return (start, start + windowSeconds)
    }

    public func allow(_ key: String, now: Date) async throws -> Bool {
        try await allow(key, member: nil, now: now)
    }

    public func allow(_ key: String, member: String?, now: Date) async throws -> Bool {
        let (start, expires) = bounds(now)
        let allowed: Bool
        if let member {
            allowed = try await count(member: member, for: key, start: start, expires: expires)
        } else {
            allowed = try await store.transaction { db in
                try await waiting.bound(db)
                return !(try await db.rows(
                    """
                    INSERT INTO rateWindow (name, key, windowStart, expiresAt, count) VALUES (\(name), \(key), \(start), \(expires), 1)
                    ON CONFLICT (name, key, windowStart) DO UPDATE SET count = rateWindow.count + 1 WHERE rateWindow.count < \(limit)
                    RETURNING count
                    """)).isEmpty
            }
        }
        if sweeps.isDue(at: now) {
            // Off the request: a sweep of many windows, or one held up by a lock, must not hold up a complaint.
            let limiter = self
            Task { try? await limiter.sweep(now: now) }
        }
        return allowed
    }

    /// A member new to the window takes one of its places, if any is left; one already counted
    /// passes again.
    private func count(member: String, for key: String, start: Int, expires: Int) async throws -> Bool {
        do {
            return try await store.transaction { db in
                try await waiting.bound(db)
                guard let row = try await db.row(
                    """
                    WITH member AS (
                        INSERT INTO rateMember (name, key, windowStart, expiresAt, member) VALUES (\(name), \(key), \(start), \(expires), \(member))
                        ON CONFLICT DO NOTHING RETURNING 1),
                    counted AS (
                        INSERT INTO rateWindow (name, key, windowStart, expiresAt, count) SELECT \(name), \(key), \(start), \(expires), 1 FROM member
                        ON CONFLICT (name, key, windowStart) DO UPDATE SET count = rateWindow.count + 1 WHERE rateWindow.count < \(limit)
                        RETURNING 1)
                    SELECT (SELECT count(*) FROM member) AS new, (SELECT count(*) FROM counted) AS counted
                    """)
                else { return true }
                let isNew = try row("new", as: Int.self) > 0
                let counted = try row("counted", as: Int.self) > 0
                // New but no place left: undo the member's row, so it is not "already counted" later.
                if isNew && !counted { throw WindowFull() }
                return true
            }
        } catch is WindowFull {
            return false
        }
    }

    /// The longest a check waits for a lock, and in all: a limit held up (its tables locked, the
    /// database slow) must not hold up a complaint, least of all someone trapped; the caller decides
    /// what a check that failed means.
    public struct Waiting: Sendable {
        /// PostgreSQL's `lock_timeout` for the check's transaction, such as "3s".
        public var lock: String
        /// PostgreSQL's `statement_timeout` for each of its statements.
        public var statement: String

        public init(lock: String, statement: String) {
            self.lock = lock
            self.statement = statement
        }

        /// What a server uses: 3 s for a lock, 5 s in all.
        public static let serving = Waiting(lock: "3s", statement: "5s")

        /// Bounds the waiting of the transaction's statements; a limit is not worth a disk flush
        /// either (and the tables are unlogged anyway).
        func bound(_ db: Transaction) async throws {
            _ = try await db.rows(
                """
                SELECT set_config('lock_timeout', \(lock), true), set_config('statement_timeout', \(statement), true),
                    set_config('synchronous_commit', 'off', true)
                """)
        }
    }

    /// How long after its end a window is kept: each server sweeps by its own clock, and one whose
    /// clock runs ahead must not delete windows the others still count in (a client's spent budget
    /// would start afresh).
    public static let sweepGrace: TimeInterval = 600

    /// Deletes every limiter's windows and members that ended more than `sweepGrace` ago.
    public func sweep(now: Date) async throws {
        let seconds = Int(now.addingTimeInterval(-Self.sweepGrace).timeIntervalSince1970.rounded(.down))
        try await store.execute("DELETE FROM rateWindow WHERE expiresAt <= \(seconds)")
        try await store.execute("DELETE FROM rateMember WHERE expiresAt <= \(seconds)")
    }

    /// Thrown inside the member's transaction to roll it back.
    private struct WindowFull: Error {}
}

/// When a limiter next deletes expired windows.
final class SweepSchedule: Sendable {
    private let next = Mutex(Date.distantPast)

    /// True (and the next sweep scheduled) when a sweep is due at `now`.
    func isDue(at now: Date) -> Bool {
        next.withLock { next in
            guard now >= next else { return false }
            next = now.addingTimeInterval(PostgresRateLimiter.sweepInterval)
            return true
        }
    }
}

extension PostgresStore: RateLimitStore {
    public func rateLimiter(named name: String, limit: Int, window: TimeInterval) -> any RateLimiting {
        PostgresRateLimiter(store: self, name: name, limit: limit, window: window)
    }

    /// A limiter whose checks wait as long as `waiting` says, instead of a server's 3 s and 5 s.
    public func rateLimiter(named name: String, limit: Int, window: TimeInterval, waiting: PostgresRateLimiter.Waiting) -> PostgresRateLimiter {
        PostgresRateLimiter(store: self, name: name, limit: limit, window: window, waiting: waiting)
    }
}
