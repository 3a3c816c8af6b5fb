import Foundation
import Synchronization

/// A clock a test moves by hand.
public final class TestClock: Sendable {
    private let time: Mutex<Date>

    public init(_ start: Date) {
        time = Mutex(start)
    }

    public var now: Date { time.withLock { $0 } }

    public func set(_ date: Date) {
        time.withLock { $0 = date }
    }

    public func advance(_ seconds: TimeInterval) {
        time.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
