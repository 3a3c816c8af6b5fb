import Hummingbird
import LiftCore
import Testing

@testable import LiftServer

/// The label-answer cache: served again only within its lifetime, bounded in bytes, and off at zero.
@Suite struct PageCacheTests {
    static func label(_ number: Int) -> LabelCode {
        LabelCode(baseURL: "HTTPS://LC.EXAMPLE.CN", number: NNumber(value: number)!, serial: 1, keyID: "K1", signature: Array(repeating: 7, count: 64))
    }

    let key = PageCache.Key(label: Self.label(614), language: .zh, json: false)

    @Test func anAnswerIsServedAgainOnlyWithinItsLifetime() {
        let cache = PageCache(maximumBytes: 1 << 20, lifetime: .seconds(5))
        let start = ContinuousClock.now
        cache.store(key, status: .ok, body: ByteBuffer(string: "page"), outcome: .genuine, now: start)
        let hit = cache.entry(for: key, now: start + .seconds(4))
        #expect(hit?.status == .ok && hit?.outcome == .genuine && hit?.body == ByteBuffer(string: "page"))
        #expect(cache.entry(for: PageCache.Key(label: key.label, language: .en, json: false), now: start) == nil)
        #expect(cache.entry(for: PageCache.Key(label: key.label, language: .zh, json: true), now: start) == nil)
        #expect(cache.entry(for: key, now: start + .seconds(6)) == nil)
        #expect(cache.count == 0, "an expired answer is dropped")
    }

    @Test func itStaysWithinItsBytesKeepsWhatItHasAndDropsExpiredAnswersFirst() {
        let cache = PageCache(maximumBytes: 16 * 1024, lifetime: .seconds(5))
        let page = ByteBuffer(string: String(repeating: "x", count: 1000))
        let start = ContinuousClock.now
        for index in 1...100 {
            cache.store(PageCache.Key(label: Self.label(index), language: .zh, json: false), status: .ok, body: page, outcome: .genuine, now: start)
        }
        #expect(cache.bytes <= 16 * 1024)
        #expect(cache.count > 0 && cache.count < 100)
        // A full cache keeps the answers it has until they expire: a scan of more labels than fit
        // must not evict every answer just before it is asked for again.
        #expect(cache.entry(for: PageCache.Key(label: Self.label(1), language: .zh, json: false), now: start) != nil)
        #expect(cache.entry(for: PageCache.Key(label: Self.label(100), language: .zh, json: false), now: start) == nil)
        let kept = cache.count
        for _ in 1...3 {
            for index in 1...100 {
                let key = PageCache.Key(label: Self.label(index), language: .zh, json: false)
                if cache.entry(for: key, now: start + .seconds(1)) == nil {
                    cache.store(key, status: .ok, body: page, outcome: .genuine, now: start + .seconds(1))
                }
            }
        }
        #expect(cache.count == kept, "round after round over more labels than fit, the same answers stay and are served")
        // Once expired, storing anything evicts them all.
        cache.store(key, status: .ok, body: page, outcome: .genuine, now: start + .seconds(10))
        #expect(cache.count == 1)
        #expect(cache.bytes >= page.readableBytes && cache.bytes <= page.readableBytes + 2048, "one entry: its body and bookkeeping")
        cache.removeAll()
        #expect(cache.count == 0 && cache.bytes == 0)
    }

    @Test func anAnswerLookedUpBeforeTheCacheWasEmptiedIsNotKept() {
        let cache = PageCache(maximumBytes: 1 << 20, lifetime: .seconds(5))
        let before = cache.generation
        cache.removeAll()  // keys or revocations changed while the lookup ran
        cache.store(key, status: .ok, body: ByteBuffer(string: "page"), outcome: .genuine, generation: before)
        #expect(cache.count == 0)
        cache.store(key, status: .ok, body: ByteBuffer(string: "page"), outcome: .genuine, generation: cache.generation)
        #expect(cache.count == 1)
    }

    @Test func aZeroLifetimeKeepsNothing() {
        let cache = PageCache(maximumBytes: 1 << 20, lifetime: .zero)
        cache.store(key, status: .ok, body: ByteBuffer(string: "page"), outcome: .genuine)
        #expect(cache.entry(for: key) == nil && cache.count == 0)
    }
}
