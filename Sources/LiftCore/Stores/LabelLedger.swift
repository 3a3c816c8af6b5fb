import Foundation

/// The label ledger: every label ever issued, recorded before its image is drawn.
public protocol LabelLedger: Sendable {
    /// Records a batch and all its labels in one transaction, choosing numbers and serials.
    /// Fails without writing anything when the request cannot be met in full.
    func issue(_ request: BatchRequest) throws -> IssuedBatch

    /// A batch by id, with its labels in sheet order.
    func batch(id: String) throws -> IssuedBatch?

    /// All batches, newest first, without their labels.
    func batches() throws -> [BatchSummary]

    /// Marks a label revoked (damaged, replaced, reported).
    func revoke(_ label: LabelID, reason: String, at: Date) throws

    /// A label's ledger entry.
    func label(_ id: LabelID) throws -> LedgerLabel?
}

/// Which numbers a batch prints labels for.
public enum BatchSelection: Sendable, Hashable {
    /// The next unused numbers of the district, for elevators not yet registered.
    case fresh(count: Int)
    /// Every registered elevator of the district with no active label.
    case registered
    /// These elevators; with `replace`, an elevator with an active label gets the next serial and
    /// its old label is revoked as replaced.
    case numbers([NNumber], replace: Bool)
}

/// A request to issue a batch.
public struct BatchRequest: Sendable, Hashable {
    public var district: District
    public var selection: BatchSelection
    public var keyID: String
    /// The label base URL, normalised (upper case, no trailing slash).
    public var baseURL: String
    /// The layout's name (its file name without .json).
    public var layout: String
    public var createdAt: Date

    public init(district: District, selection: BatchSelection, keyID: String, baseURL: String, layout: String, createdAt: Date) {
        self.district = district
        self.selection = selection
        self.keyID = keyID
        self.baseURL = baseURL
        self.layout = layout
        self.createdAt = createdAt
    }
}

/// A batch as the ledger holds it.
public struct IssuedBatch: Sendable, Hashable {
    public var summary: BatchSummary
    /// The labels in sheet order.
    public var labels: [LedgerLabel]

    public init(summary: BatchSummary, labels: [LedgerLabel]) {
        self.summary = summary
        self.labels = labels
    }
}

/// A batch without its labels.
public struct BatchSummary: Sendable, Hashable, Codable {
    /// "B20261125-0001": the day and a running number.
    public var id: String
    public var district: District
    public var keyID: String
    public var baseURL: String
    public var layout: String
    public var count: Int
    public var firstNumber: NNumber?
    public var lastNumber: NNumber?
    public var createdAt: Date

    public init(id: String, district: District, keyID: String, baseURL: String, layout: String, count: Int, firstNumber: NNumber?, lastNumber: NNumber?, createdAt: Date) {
        self.id = id
        self.district = district
        self.keyID = keyID
        self.baseURL = baseURL
        self.layout = layout
        self.count = count
        self.firstNumber = firstNumber
        self.lastNumber = lastNumber
        self.createdAt = createdAt
    }
}

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
