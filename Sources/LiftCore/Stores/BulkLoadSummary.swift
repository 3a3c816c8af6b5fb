/// What a bulk load wrote.
public struct BulkLoadSummary: Sendable, Hashable {
    /// Elevators registered.
    public var elevators: Int
    /// Maintenance records stored.
    public var records: Int
    /// Of those, the records that count as maintenance (folded into their elevators).
    public var counted: Int

    public init(elevators: Int = 0, records: Int = 0, counted: Int = 0) {
        self.elevators = elevators
        self.records = records
        self.counted = counted
    }
}
