import Foundation
import LiftCore
import LiftServer
import Logging
import Synchronization
import Testing

/// Any database role can NOTIFY a server's trust channel; a flood of announcements must not turn
/// into a flood of checks (each reads the store): at most one check starts each `minimumGap`.
@Suite struct TrustWatcherTests {
    /// A feed announcing a change every millisecond until it is cancelled, as a role running
    /// `NOTIFY liftcode_trust` in a loop would.
    struct FloodingFeed: TrustChangeFeed {
        func followTrustChanges(_ event: @escaping @Sendable (TrustChangeEvent) -> Void) async {
            event(.listening)
            while !Task.isCancelled {
                event(.changed)
                try? await Task.sleep(for: .milliseconds(1))
            }
        }

        func announceTrustChange() async throws {}
    }

    @Test func aFloodOfAnnouncementsCostsAtMostOneCheckEachGap() async throws {
        let world = try await TestWorld()
        let stamps = Atomic<Int>(0)
        let keys = TrustedKeys(world.keyRing, published: [])
        let watcher = TrustWatcher(
            keys: keys, pageCache: nil, interval: .seconds(3600), logger: Logger(label: "test"),
            stamp: {
                stamps.add(1, ordering: .relaxed)
                return "unchanged"
            },
            reload: { (world.keyRing, []) }, changes: FloodingFeed(), minimumGap: .milliseconds(100))
        let started = ContinuousClock.now
        let running = Task { try await watcher.run() }
        defer { running.cancel() }
        // The first stamp is read on starting; then five checks. However fast the announcements
        // come (a thousand a second), five checks take four gaps at least. A slow machine only
        // makes them later.
        while stamps.load(ordering: .relaxed) < 6 {
            #expect(ContinuousClock.now - started < .seconds(60), "the announcements were not checked")
            if ContinuousClock.now - started >= .seconds(60) { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(400), "six stamps in \(elapsed)")
    }
}
