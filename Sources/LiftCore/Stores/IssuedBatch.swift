import Foundation

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
