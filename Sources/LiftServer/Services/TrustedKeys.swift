import Foundation
import LiftCore
import Synchronization

/// The keys a running server trusts, replaceable while it runs: when a key is added, retired or
/// revoked (`liftcode keys …` on any machine sharing the database and key folder), `TrustWatcher`
/// swaps in the new key ring, and with it a fresh signature cache, without a restart.
public final class TrustedKeys: SignatureChecking, Sendable {
    private struct Current: Sendable {
        let signatures: SignatureCache
        let published: [PublishedKey]
    }

    private let cacheSize: Int
    private let current: Mutex<Current>

    /// - Parameters:
    ///   - signatures: the key ring to start with.
    ///   - published: its public keys, for `GET /api/v1/keys`.
    ///   - cacheSize: signature checks remembered (a fresh cache with each key ring).
    public init(_ signatures: any SignatureChecking, published: [PublishedKey], cacheSize: Int = 100_000) {
        self.cacheSize = cacheSize
        current = Mutex(Current(signatures: SignatureCache(wrapping: signatures, capacity: cacheSize), published: published))
    }

    public func check(signature: [UInt8], message: [UInt8], keyID: String) -> SignatureCheck {
        current.withLock { $0.signatures }.check(signature: signature, message: message, keyID: keyID)
    }

    /// Trusts a new key ring from now on; remembered checks of the old one are forgotten.
    public func replace(with signatures: any SignatureChecking, published: [PublishedKey]) {
        let fresh = Current(signatures: SignatureCache(wrapping: signatures, capacity: cacheSize), published: published)
        current.withLock { $0 = fresh }
    }

    /// The public keys as `GET /api/v1/keys` lists them.
    public var published: [PublishedKey] { current.withLock { $0.published } }
}
