/// An elevator with its maintenance records, as a bulk load registers it.
public struct BulkElevator: Sendable, Hashable {
    public var elevator: Elevator
    /// Its records, in any order; each must be of the elevator's number.
    public var records: [MaintenanceRecord]

    public init(_ elevator: Elevator, records: [MaintenanceRecord]) {
        self.elevator = elevator
        self.records = records
    }
}
