/// The elevator registry as lookups, the kiosk and imports need it.
public protocol RegistryStore: Sendable {
    /// The facts of one elevator, or nil when it is not registered.
    func facts(for number: NNumber) async throws -> ElevatorFacts?

    /// Inserts or updates elevators by number, creating units from their names, all or nothing.
    /// - Returns: how many rows were inserted and how many updated.
    func upsert(_ elevators: [Elevator]) async throws -> UpsertCount
}

/// What an import changed.
public struct UpsertCount: Sendable, Hashable {
    public var inserted: Int
    public var updated: Int

    public init(inserted: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.updated = updated
    }
}
