import Foundation

/// Values kept server-side with an expiry: the console's sessions, in the database so that any
/// server of a deployment can serve any session.
public protocol SessionStore: Sendable {
    /// Stores `value` under `key`; `replace` false refuses an existing live key (returns false).
    func storeSession(key: String, value: Data, expiresAt: Date?, replace: Bool, now: Date) async throws -> Bool
    /// A live value and its expiry.
    func session(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    func removeSession(key: String) async throws
}
