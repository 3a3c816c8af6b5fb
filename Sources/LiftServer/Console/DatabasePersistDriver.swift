import Foundation
import Hummingbird
import LiftCore

/// Hummingbird's key-value persistence over the database (`SessionStore`), so that console
/// sessions live server-side, survive restarts and are shared by every server of a deployment.
struct DatabasePersistDriver: PersistDriver {
    let store: any SessionStore
    let now: @Sendable () -> Date

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        guard try await store.storeSession(key: key, value: try JSONEncoder().encode(value), expiresAt: expiry(expires), replace: false, now: now())
        else { throw PersistError.duplicate }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        var expiresAt = expiry(expires)
        if expires == nil, let existing = try await store.session(key: key, now: now()) { expiresAt = existing.expiresAt }
        _ = try await store.storeSession(key: key, value: try JSONEncoder().encode(value), expiresAt: expiresAt, replace: true, now: now())
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = now()
        guard let stored = try await store.session(key: key, now: now) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: stored.value) else { throw PersistError.invalidConversion }
        return (object, stored.expiresAt.map { .seconds($0.timeIntervalSince(now)) })
    }

    func remove(key: String) async throws {
        try await store.removeSession(key: key)
    }

    private func expiry(_ duration: Duration?) -> Date? {
        duration.map { now().addingTimeInterval(TimeInterval($0.components.seconds)) }
    }
}
