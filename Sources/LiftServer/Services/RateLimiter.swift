import Foundation

/// A fixed-window counter per key: at most `limit` events per `window`. Used to limit complaint
/// filing per client address and per elevator.
public final class RateLimiter: @unchecked Sendable {
    private let limit: Int
    private let window: TimeInterval
    private let lock = NSLock()
    private var windows: [String: (start: Date, count: Int)] = [:]

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts an event for `key`; false when the key is over its limit.
    public func allow(_ key: String, now: Date = Date()) -> Bool {
        lock.withLock {
            if windows.count > 100_000 {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
            }
            var entry = windows[key] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            guard entry.count < limit else { return false }
            entry.count += 1
            windows[key] = entry
            return true
        }
    }
}
