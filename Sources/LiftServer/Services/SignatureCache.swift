import Foundation
import LiftCore

/// Remembers signature checks, so repeated scans of one label cost one Ed25519 verification.
///
/// Bounded: when full it starts over, which keeps memory flat whatever the traffic. Key
/// revocation is honoured because only the checker's answer for a (key, message, signature) is
/// kept, and the server builds a new cache when key statuses change.
public final class SignatureCache: SignatureChecking, @unchecked Sendable {
    private struct Key: Hashable {
        let keyID: String
        let message: [UInt8]
        let signature: [UInt8]
    }

    private let checker: any SignatureChecking
    private let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: SignatureCheck] = [:]

    public init(wrapping checker: any SignatureChecking, capacity: Int) {
        self.checker = checker
        self.capacity = max(1, capacity)
    }

    public func check(signature: [UInt8], message: [UInt8], keyID: String) -> SignatureCheck {
        let key = Key(keyID: keyID, message: message, signature: signature)
        if let cached = lock.withLock({ entries[key] }) { return cached }
        let result = checker.check(signature: signature, message: message, keyID: keyID)
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = result
        }
        return result
    }

    /// How many checks are remembered.
    public var count: Int { lock.withLock { entries.count } }
}
