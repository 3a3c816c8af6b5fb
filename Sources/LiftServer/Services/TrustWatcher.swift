import Foundation
import LiftCore
import Logging
import ServiceLifecycle
import Synchronization

/// Notices, within a second or two, that keys or label revocations changed while the server runs
/// (the CLI on this or another machine wrote them) and makes every answer reflect it: a new key
/// ring is loaded into `TrustedKeys` and the page cache is emptied.
///
/// It compares a cheap stamp each `interval`: the key folder's listing, the keys' statuses and the
/// ledger's revocations, as `stamp` reports them. On a store that announces changes (a
/// ``TrustChangeFeed``: PostgreSQL's LISTEN/NOTIFY) it also checks at once on each announcement and
/// after each reconnection; the poll stays as the fallback for announcements it could not hear.
/// Checks run one at a time, at most one each `minimumGap` (100 ms), and a burst of announcements
/// costs at most one more check.
public struct TrustWatcher: Service {
    let keys: TrustedKeys
    let pageCache: PageCache?
    let interval: Duration
    let logger: Logger
    let stamp: @Sendable () async throws -> String
    let reload: @Sendable () async throws -> (any SignatureChecking, [PublishedKey])
    let changes: (any TrustChangeFeed)?
    /// The least time from one check's start to the next's.
    let minimumGap: Duration

    /// - Parameters:
    ///   - stamp: changes whenever keys or revocations change.
    ///   - reload: the key ring as it now is, and its published keys.
    ///   - changes: the store's announcements of trust changes, when it makes them.
    ///   - minimumGap: the least time between two checks' starts, however many announcements come.
    public init(
        keys: TrustedKeys, pageCache: PageCache?, interval: Duration = .seconds(1), logger: Logger,
        stamp: @escaping @Sendable () async throws -> String,
        reload: @escaping @Sendable () async throws -> (any SignatureChecking, [PublishedKey]),
        changes: (any TrustChangeFeed)? = nil, minimumGap: Duration = .milliseconds(100)
    ) {
        self.changes = changes
        self.minimumGap = minimumGap
        self.keys = keys
        self.pageCache = pageCache
        self.interval = interval
        self.logger = logger
        self.stamp = stamp
        self.reload = reload
    }

    public func run() async throws {
        let first = try? await stamp()
        await cancelWhenGracefulShutdown {
            // Every reason to check (the poll's tick, an announcement) lands here; one pending
            // check is enough however many arrive meanwhile.
            let (checks, check) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: interval) } catch { return }
                        check.yield()
                    }
                }
                if let changes {
                    let logger = logger
                    group.addTask {
                        let lost = Mutex(false)
                        await changes.followTrustChanges { event in
                            switch event {
                            case .changed:
                                check.yield()
                            case .listening:
                                if lost.withLock({ $0 }) { logger.warning("listening for trust changes again; checking what was missed") }
                                lost.withLock { $0 = false }
                                check.yield()
                            case .lost(let reason):
                                if !lost.withLock({ $0 }) {
                                    logger.warning("lost the connection that hears trust changes (\(reason)); reconnecting, polling meanwhile")
                                }
                                lost.withLock { $0 = true }
                            }
                        }
                    }
                }
                var last = first
                for await _ in checks {
                    let started = ContinuousClock.now
                    last = await checkOnce(since: last)
                    // Any database role may NOTIFY: a flood of announcements costs at most one
                    // check each `minimumGap` (those arriving meanwhile wait as one).
                    try? await Task.sleep(until: started + minimumGap)
                }
                group.cancelAll()
            }
        }
    }

    /// Compares the stamp with `previous` and reloads when it changed; returns the stamp now.
    public func checkOnce(since previous: String?) async -> String? {
        do {
            let now = try await stamp()
            guard now != previous else { return now }
            let (signatures, published) = try await reload()
            keys.replace(with: signatures, published: published)
            pageCache?.removeAll()
            if previous != nil { logger.info("keys or label revocations changed: reloaded the key ring, emptied the page cache") }
            return now
        } catch {
            logger.error("cannot reload keys: \(error); still trusting the keys loaded before")
            return previous
        }
    }
}
