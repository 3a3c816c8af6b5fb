/// The bookkeeping of one registry import, the same on every store: which fields it writes, which
/// streets are new to their district, and for each imported elevator whether it is new, unchanged
/// or an update with which changes. A store reads the registry and writes the rows; this decides.
public struct RegistryImportTally: Sendable {
    /// What the import has found so far.
    public private(set) var report = RegistryImportReport()
    /// The fields an update writes, in the store's column order: those the file sets, and always
    /// the district, which follows the number's first digit.
    public let writtenFields: [ElevatorField]
    private var knownStreets: [String: Set<String>]

    /// - Parameters:
    ///   - fields: the fields the imported file has columns for.
    ///   - columnOrder: the store's order of the registry's field columns.
    ///   - knownStreets: the streets the registry already has, by district.
    public init(setting fields: Set<ElevatorField>, columnOrder: [ElevatorField], knownStreets: [String: Set<String>]) {
        writtenFields = columnOrder.filter { fields.contains($0) || $0 == .district }
        self.knownStreets = knownStreets
    }

    /// Whether an update writes `field`.
    public func writes(_ field: ElevatorField) -> Bool { writtenFields.contains(field) }

    /// Notes the elevator's street, new to the report when no elevator of its district had it.
    public mutating func noteStreet(of elevator: Elevator) {
        if let street = elevator.street, knownStreets[elevator.district, default: []].insert(street).inserted {
            report.newStreets[elevator.district, default: []].insert(street)
        }
    }

    /// Notes an elevator the registry did not have.
    public mutating func noteInserted() { report.inserted += 1 }

    /// Compares a registered elevator with what the file says and notes the result; true when
    /// the store must write the written fields.
    public mutating func noteRegistered(_ elevator: Elevator, before: Elevator) -> Bool {
        let changes = writtenFields.compactMap { field -> RegistryImportReport.FieldChange? in
            let old = field.value(of: before)
            let new = field.value(of: elevator)
            return old == new ? nil : RegistryImportReport.FieldChange(field: field, old: old, new: new)
        }
        guard !changes.isEmpty else {
            report.unchanged += 1
            return false
        }
        report.record(RegistryImportReport.Update(number: elevator.number, changes: changes))
        return true
    }
}
