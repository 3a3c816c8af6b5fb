import Foundation
import Hummingbird
import LiftCore
import Synchronization

/// Keeps the label pages and JSON answers served in the last few seconds, so a label scanned again
/// and again (a busy lobby, a benchmark) costs one lookup and one rendering per few seconds.
///
/// Keyed by the parsed label (so junk in the URL cannot make new entries: a malformed code is
/// never cached), and bounded in bytes: expired answers go first, and a full cache takes no new
/// answer until some expire (it never churns its live answers). An answer is
/// at most `lifetime` old, so a revocation or a counted maintenance shows within that time, and
/// `removeAll()` forgets everything at once when keys or revocations change. A lifetime of zero
/// switches the cache off.
public final class PageCache: Sendable {
    /// What identifies an answer: the label, the language and the form.
    struct Key: Hashable {
        let label: LabelCode
        let language: Language
        let json: Bool
    }

    /// A cached answer and its verification outcome, which metrics count on every hit too.
    struct Entry: Sendable, Equatable {
        let status: HTTPResponse.Status
        let body: ByteBuffer
        let outcome: VerificationOutcome
        let expires: ContinuousClock.Instant

        /// What the entry costs: its body's buffer (NIO rounds a buffer up to a power of two: a
        /// 5 KB page takes 8 KB), its key's code and the
        /// dictionary's and order list's bookkeeping.
        var cost: Int { body.capacity + 1024 }
    }

    private struct Storage {
        var entries: [Key: Entry] = [:]
        /// Keys in the order they were stored, oldest first (may hold keys since replaced or removed).
        var order: [Key] = []
        var head = 0
        var bytes = 0
        /// Counts `removeAll()` calls: an answer looked up before one must not be stored after it.
        var generation = 0
    }

    private let maximumBytes: Int
    private let lifetime: Duration
    private let storage = Mutex(Storage())

    /// - Parameters:
    ///   - maximumBytes: the most the kept answers may take together.
    ///   - lifetime: how long an answer is served again.
    public init(maximumBytes: Int, lifetime: Duration) {
        self.maximumBytes = max(4096, maximumBytes)
        self.lifetime = lifetime
    }

    var isEnabled: Bool { lifetime > .zero }

    func entry(for key: Key, now: ContinuousClock.Instant = .now) -> Entry? {
        guard isEnabled else { return nil }
        return storage.withLock { storage in
            guard let entry = storage.entries[key] else { return nil }
            guard entry.expires > now else {
                storage.entries[key] = nil
                storage.bytes -= entry.cost
                return nil
            }
            return entry
        }
    }

    /// The cache's generation now: read it before a lookup and give it to `store`, so an answer
    /// read before keys or revocations changed is not kept after the cache was emptied for it.
    var generation: Int { storage.withLock { $0.generation } }

    func store(
        _ key: Key, status: HTTPResponse.Status, body: ByteBuffer, outcome: VerificationOutcome, generation: Int? = nil,
        now: ContinuousClock.Instant = .now
    ) {
        guard isEnabled else { return }
        // A copy of the body alone (not of a larger buffer it may be a slice of), so the budget
        // counts what memory holds.
        var exact = ByteBufferAllocator().buffer(capacity: body.readableBytes)
        exact.writeImmutableBuffer(body)
        let entry = Entry(status: status, body: exact, outcome: outcome, expires: now + lifetime)
        guard entry.cost <= maximumBytes / 4 else { return }
        storage.withLock { storage in
            if let generation, generation != storage.generation { return }
            // Expired answers go first (oldest first: every answer lives as long).
            while storage.head < storage.order.count {
                let oldest = storage.order[storage.head]
                if let candidate = storage.entries[oldest] {
                    guard candidate.expires <= now else { break }
                    storage.entries[oldest] = nil
                    storage.bytes -= candidate.cost
                }
                storage.head += 1
            }
            let replaced = storage.entries[key]
            // A full cache keeps the answers it has until they expire rather than trading them for
            // new ones: evicting the oldest live answer for each new one would, under a scan of more
            // labels than fit (wrk's round-robin, a crawler), evict every answer just before it is
            // asked for again, and nothing would ever be served from the cache.
            guard storage.bytes - (replaced?.cost ?? 0) + entry.cost <= maximumBytes else { return }
            if let replaced {
                storage.bytes -= replaced.cost
            } else {
                storage.order.append(key)
            }
            storage.entries[key] = entry
            storage.bytes += entry.cost
            if storage.head > 1024, storage.head * 2 > storage.order.count {
                storage.order.removeFirst(storage.head)
                storage.head = 0
            }
        }
    }

    /// Forgets every answer: keys or revocations changed.
    public func removeAll() {
        storage.withLock { $0 = Storage(generation: $0.generation + 1) }
    }

    /// How many answers are kept.
    public var count: Int { storage.withLock { $0.entries.count } }

    /// How many bytes the kept answers take.
    public var bytes: Int { storage.withLock { $0.bytes } }
}
