/// What a ``TrustChangeFeed`` tells a server that follows it.
public enum TrustChangeEvent: Sendable, Equatable {
    /// Listening (again): announcements made while not listening were missed, so check everything.
    case listening
    /// Something that changes trust was committed (a label or key revoked, a key added): check.
    /// It says nothing about what changed; a server reads the store to find out.
    case changed
    /// The feed's connection was lost (why); the feed reconnects by itself and says `.listening`.
    case lost(String)
}

/// A store shared by several servers that announces trust changes as they commit (PostgreSQL's
/// LISTEN/NOTIFY), so every server reloads its keys and empties its page cache at once instead of
/// at its next poll. A store without it (SQLite) is polled.
///
/// An announcement is only a hint that carries nothing to trust: a follower always re-reads the
/// store, and keeps polling as a fallback for announcements it could not hear.
public protocol TrustChangeFeed: Sendable {
    /// Follows the store's announcements until the calling task is cancelled, reconnecting after a
    /// lost connection; calls `event` for each (never concurrently with itself).
    func followTrustChanges(_ event: @escaping @Sendable (TrustChangeEvent) -> Void) async

    /// Tells every follower that trust may have changed outside the store (a key file added).
    func announceTrustChange() async throws
}
