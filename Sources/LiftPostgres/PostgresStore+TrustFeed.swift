import Foundation
import LiftCore
import PostgresNIO

/// Trust changes across servers: every write that changes trust calls `pg_notify` on one channel in
/// its own transaction (so the notification goes out only if it commits), and each server LISTENs
/// on a connection of its own, outside the pool.
extension PostgresStore: TrustChangeFeed {
    /// The one channel trust changes are announced on.
    static let trustChannel = "liftcode_trust"
    /// The name the listening connection shows in `pg_stat_activity`.
    public static let trustListenerName = "liftcode trust listener"
    /// The longest wait between two attempts to listen again.
    static let longestReconnectDelay: Duration = .seconds(5)

    public func followTrustChanges(_ event: @escaping @Sendable (TrustChangeEvent) -> Void) async {
        var configuration = connectionConfiguration
        configuration.options.additionalStartupParameters.append(("application_name", Self.trustListenerName))
        var delay: Duration = .milliseconds(100)
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            var reason = "the connection closed"
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: attempt, logger: logger)
                do {
                    try await connection.listen(on: Self.trustChannel) { notifications in
                        // LISTEN is in place: whatever changed before it is found by the check this asks for.
                        event(.listening)
                        delay = .milliseconds(100)
                        // The payload is never read: anyone allowed to connect may NOTIFY, so a
                        // notification only means "check".
                        for try await _ in notifications { event(.changed) }
                    }
                } catch {
                    reason = PostgresStoreError.reason(error)
                }
                try? await connection.close()
            } catch {
                reason = PostgresStoreError.reason(error)
            }
            guard !Task.isCancelled else { return }
            event(.lost(reason))
            do { try await Task.sleep(for: delay) } catch { return }
            delay = min(delay * 2, Self.longestReconnectDelay)
        }
    }

    public func announceTrustChange() async throws {
        try await execute("SELECT pg_notify(\(Self.trustChannel), 'key folder')")
    }
}

extension Transaction {
    /// Announces a trust change when this transaction commits (and not at all if it rolls back).
    /// The payload names the kind of change for people watching with `LISTEN`; servers ignore it.
    func announceTrustChange(_ what: String) async throws {
        try await execute("SELECT pg_notify(\(PostgresStore.trustChannel), \(what))")
    }
}
