import Foundation

/// Deliveries of routed complaints and rescue orders to maintenance units' and regulators'
/// webhooks, at least once.
public protocol OutboxStore: Sendable {
    /// Deliveries due at `now`, oldest first, leaving out the webhook addresses in `excluding`
    /// (those with a delivery under way).
    func dueDeliveries(at now: Date, limit: Int, excluding: Set<String>) async throws -> [OutboxDelivery]
    func markDelivered(_ id: Int64, at: Date) async throws
    func markFailed(_ id: Int64, error: String, retryAt: Date) async throws
}

extension OutboxStore {
    /// Deliveries due at `now`, oldest first.
    public func dueDeliveries(at now: Date, limit: Int) async throws -> [OutboxDelivery] {
        try await dueDeliveries(at: now, limit: limit, excluding: [])
    }
}
