import Foundation
import LiftCore
import Logging
import ServiceLifecycle

/// Notices, within a second or two, that keys or label revocations changed while the server runs
/// (the CLI on this or another machine wrote them) and makes every answer reflect it: a new key
/// ring is loaded into `TrustedKeys` and the page cache is emptied.
///
/// It compares a cheap stamp each `interval`: the key folder's listing, the keys' statuses and the
/// ledger's revocations, as `stamp` reports them.
public struct TrustWatcher: Service {
    let keys: TrustedKeys
    let pageCache: PageCache?
    let interval: Duration
    let logger: Logger
    let stamp: @Sendable () async throws -> String
    let reload: @Sendable () async throws -> (any SignatureChecking, [PublishedKey])

    /// - Parameters:
    ///   - stamp: changes whenever keys or revocations change.
    ///   - reload: the key ring as it now is, and its published keys.
    public init(
        keys: TrustedKeys, pageCache: PageCache?, interval: Duration = .seconds(1), logger: Logger,
        stamp: @escaping @Sendable () async throws -> String,
        reload: @escaping @Sendable () async throws -> (any SignatureChecking, [PublishedKey])
    ) {
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
            var last = first
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                last = await checkOnce(since: last)
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
