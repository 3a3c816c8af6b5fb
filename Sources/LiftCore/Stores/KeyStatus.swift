/// Where a signing key is in its life.
public enum KeyStatus: String, Sendable, Codable, CaseIterable {
    /// Signs new labels and verifies.
    case active
    /// Verifies old labels, signs no new ones.
    case retired
    /// Compromised: its labels are counterfeit.
    case revoked
}

/// The keys' statuses, kept beside the ledger so that every server sees a revocation.
public protocol KeyStatusStore: Sendable {
    /// Every key's status, by key id (a key not listed is active).
    func keyStatuses() async throws -> [String: KeyStatus]
    /// Records a key's new status.
    func setKeyStatus(_ status: KeyStatus, for keyID: String) async throws
    /// A short text that changes whenever a key's status changes or a label is revoked, so a
    /// running server notices cheaply that it must reload.
    func trustStamp() async throws -> String
}
