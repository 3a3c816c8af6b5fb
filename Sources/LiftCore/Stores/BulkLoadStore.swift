/// Large registries written in bulk with their maintenance history: synthetic data for the
/// benchmarks and the demo, or a migration from another system.
public protocol BulkLoadStore: Sendable {
    /// Registers elevators new to the store, each with its maintenance history, in bulk.
    ///
    /// `produce` hands each elevator with its records to `add`. Units are created from their
    /// names. Records are stored as they come: their status, abnormal type and worker's name are
    /// kept, no quota is derived, no client id is checked for a retry and no worker is registered.
    /// The records that count are folded into their elevator's maintenance state exactly as they
    /// would be one by one, so a lookup afterwards answers what uploads and reviews would have made.
    ///
    /// The load is committed in transactions of about `bulkLoadTransactionSize` records, so that
    /// tens of millions of records keep memory and the journal small: when anything throws, the
    /// transaction under way is rolled back and the ones before it stay. A load into an empty
    /// registry may set the store's secondary (non-unique) indexes aside and build them, with the
    /// query planner's statistics, at the end. Throws `BulkLoadError`.
    func bulkLoad(_ produce: (_ add: (BulkElevator) throws -> Void) throws -> Void) async throws -> BulkLoadSummary
}

/// About how many records one transaction of a bulk load holds.
public let bulkLoadTransactionSize = 1_000_000
