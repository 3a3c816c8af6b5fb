import Foundation
import LiftCore

/// A fixed-window counter per key, in this process's memory (SQLite deployments, one server): at most `limit` events per `window`. Used to limit complaint
/// filing per client address and per elevator.
///
/// Counted either by event (`allow(_:)`) or by distinct member (`allow(_:member:)`: a member
/// already counted in the window is let through again without counting twice, so one client
/// cannot use up an elevator's allowance for everybody). Bounded: at most `maximumKeys` windows
/// are kept, expired ones dropped first.
public final class RateLimiter: RateLimiting, @unchecked Sendable {
    private struct Window {
        var start: Date
        var count: Int
        var members: Set<String>
    }

    private let limit: Int
    private let window: TimeInterval
    private let maximumKeys: Int
    private let lock = NSLock()
    private var windows: [String: Window] = [:]

    public init(limit: Int, window: TimeInterval, maximumKeys: Int = 100_000) {
        self.limit = limit
        self.window = window
        self.maximumKeys = maximumKeys
    }

    /// Counts an event for `key`; false when the key is over its limit.
    public func allow(_ key: String, now: Date = Date()) -> Bool {
        allow(key, member: nil, now: now)
    }

    /// Counts `member` once for `key` in the window; false when `key` already has `limit`
    /// distinct members and this is not one of them.
    public func allow(_ key: String, member: String?, now: Date = Date()) -> Bool {
        lock.withLock {
            if windows.count >= maximumKeys, windows[key] == nil {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
                // Still full: the oldest windows go, never all of them (a flood of new keys must
                // not reset the limits of the keys it is meant to protect).
                if windows.count >= maximumKeys {
                    let oldest = windows.sorted { $0.value.start < $1.value.start }.prefix(maximumKeys / 4).map(\.key)
                    for old in oldest { windows[old] = nil }
                }
            }
            var entry = windows[key] ?? Window(start: now, count: 0, members: [])
            if now.timeIntervalSince(entry.start) >= window { entry = Window(start: now, count: 0, members: []) }
            if let member {
                if entry.members.contains(member) { return true }
                guard entry.members.count < limit else { return false }
                entry.members.insert(member)
            } else {
                guard entry.count < limit else { return false }
                entry.count += 1
            }
            windows[key] = entry
            return true
        }
    }
}
