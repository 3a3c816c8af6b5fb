import Foundation

/// One label in the ledger.
public struct LedgerLabel: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable {
        case active
        case revoked
    }

    public var id: LabelID
    public var keyID: String
    public var batchID: String
    public var status: Status
    public var revokedReason: String?

    public init(id: LabelID, keyID: String, batchID: String, status: Status = .active, revokedReason: String? = nil) {
        self.id = id
        self.keyID = keyID
        self.batchID = batchID
        self.status = status
        self.revokedReason = revokedReason
    }
}
