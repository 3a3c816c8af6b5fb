import Foundation
import Hummingbird
import LiftCore
import Synchronization

/// Keeps the label pages and JSON answers served in the last few seconds, so a label scanned again
/// and again (a busy lobby, a benchmark) costs one lookup and one rendering per few seconds.
///
/// Bounded: when full it starts over, which keeps memory flat whatever the traffic. An answer is
/// at most `lifetime` old, so a revocation or a counted maintenance shows within that time; a
/// lifetime of zero switches the cache off.
public final class PageCache: Sendable {
    /// What identifies an answer: the code as the server reads it, the language and the form.
    struct Key: Hashable {
        let path: String
        let language: Language
        let json: Bool
    }

    /// A cached answer and its verification outcome, which metrics count on every hit too.
    struct Entry: Sendable, Equatable {
        let status: HTTPResponse.Status
        let body: ByteBuffer
        let outcome: VerificationOutcome
        let expires: ContinuousClock.Instant
    }

    private let capacity: Int
    private let lifetime: Duration
    private let entries = Mutex<[Key: Entry]>([:])

    public init(capacity: Int, lifetime: Duration) {
        self.capacity = max(1, capacity)
        self.lifetime = lifetime
    }

    var isEnabled: Bool { lifetime > .zero }

    func entry(for key: Key, now: ContinuousClock.Instant = .now) -> Entry? {
        guard isEnabled else { return nil }
        return entries.withLock { cache in
            guard let entry = cache[key] else { return nil }
            guard entry.expires > now else {
                cache[key] = nil
                return nil
            }
            return entry
        }
    }

    func store(_ key: Key, status: HTTPResponse.Status, body: ByteBuffer, outcome: VerificationOutcome, now: ContinuousClock.Instant = .now) {
        guard isEnabled else { return }
        let entry = Entry(status: status, body: body, outcome: outcome, expires: now + lifetime)
        entries.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = entry
        }
    }

    /// How many answers are kept.
    public var count: Int { entries.withLock { $0.count } }
}
