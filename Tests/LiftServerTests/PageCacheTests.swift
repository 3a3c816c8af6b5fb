import Hummingbird
import LiftCore
import Testing

@testable import LiftServer

/// The label-answer cache: served again only within its lifetime, bounded, and off at zero.
@Suite struct PageCacheTests {
    let key = PageCache.Key(path: "N000614-1-K1-ABC", language: .zh, json: false)

    @Test func anAnswerIsServedAgainOnlyWithinItsLifetime() {
        let cache = PageCache(capacity: 10, lifetime: .seconds(5))
        let start = ContinuousClock.now
        cache.store(key, status: .ok, body: ByteBuffer(string: "page"), outcome: .genuine, now: start)
        let hit = cache.entry(for: key, now: start + .seconds(4))
        #expect(hit?.status == .ok && hit?.outcome == .genuine && hit?.body == ByteBuffer(string: "page"))
        #expect(cache.entry(for: PageCache.Key(path: key.path, language: .en, json: false), now: start) == nil)
        #expect(cache.entry(for: PageCache.Key(path: key.path, language: .zh, json: true), now: start) == nil)
        #expect(cache.entry(for: key, now: start + .seconds(6)) == nil)
        #expect(cache.count == 0, "an expired answer is dropped")
    }

    @Test func itStaysWithinItsCapacity() {
        let cache = PageCache(capacity: 3, lifetime: .seconds(5))
        for index in 0..<10 {
            cache.store(
                PageCache.Key(path: "P\(index)", language: .zh, json: false), status: .ok, body: ByteBuffer(string: "\(index)"),
                outcome: .genuine)
        }
        #expect(cache.count <= 3)
    }

    @Test func aZeroLifetimeKeepsNothing() {
        let cache = PageCache(capacity: 10, lifetime: .zero)
        cache.store(key, status: .ok, body: ByteBuffer(string: "page"), outcome: .genuine)
        #expect(cache.entry(for: key) == nil && cache.count == 0)
    }
}
