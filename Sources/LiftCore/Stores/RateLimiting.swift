import Foundation

/// Counts events per key in fixed windows and says whether one more is allowed: the complaint
/// limits per client address and per elevator.
///
/// Counted either by event (`allow(_:now:)`) or by distinct member (`allow(_:member:now:)`: a member
/// already counted in the window is let through again without counting twice, so one client cannot
/// use up an elevator's allowance for everybody).
public protocol RateLimiting: Sendable {
    /// Counts an event for `key`; false when the key is over its limit.
    func allow(_ key: String, now: Date) async throws -> Bool
    /// Counts `member` once for `key` in the window; false when `key` already has its limit of
    /// distinct members and this is not one of them (nil: counts as an event).
    func allow(_ key: String, member: String?, now: Date) async throws -> Bool
}

/// A store that keeps rate limits itself, so that every server on it counts together (PostgreSQL).
/// Without one, each server counts in its own memory.
public protocol RateLimitStore: Sendable {
    /// The limiter called `name` (its keys are apart from other limiters'): at most `limit` events
    /// or members per key in each `window` seconds.
    func rateLimiter(named name: String, limit: Int, window: TimeInterval) -> any RateLimiting
}
