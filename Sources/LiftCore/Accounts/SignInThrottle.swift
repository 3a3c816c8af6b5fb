import Foundation

/// The console's sign-in lock-out rule: five failed sign-ins for one login within 15 minutes lock
/// that login for 15 minutes from the last failure; one client address may fail at most 20 times in
/// 15 minutes, whatever logins it tries. Counted in the database, so every server agrees.
public enum SignInThrottle {
    /// Failures of one login that lock it.
    public static let failuresPerLogin = 5
    /// Failures from one client address that lock it out.
    public static let failuresPerAddress = 20
    /// The window failures are counted in, and how long a lock lasts.
    public static let window: TimeInterval = 15 * 60

    /// Until when a login is locked, given its failures' times (any order), or nil when it is not.
    public static func lockedUntil(failures: [Date], now: Date) -> Date? {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= failuresPerLogin, let last = recent.last else { return nil }
        let until = last.addingTimeInterval(window)
        return until > now ? until : nil
    }

    /// Whether a client address has failed too often.
    public static func addressIsBlocked(failures: Int) -> Bool {
        failures >= failuresPerAddress
    }
}
