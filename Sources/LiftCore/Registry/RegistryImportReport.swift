/// What a registry import did, or would do in a dry run: new elevators, updated ones with the
/// fields that change, and unchanged ones.
public struct RegistryImportReport: Sendable, Hashable {
    /// One field of one elevator that changes.
    public struct FieldChange: Sendable, Hashable {
        public var field: ElevatorField
        public var old: String?
        public var new: String?

        public init(field: ElevatorField, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// An elevator already registered whose facts change.
    public struct Update: Sendable, Hashable {
        public var number: NNumber
        public var changes: [FieldChange]

        public init(number: NNumber, changes: [FieldChange]) {
            self.number = number
            self.changes = changes
        }
    }

    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// How many elevators each field changes for.
    public var changesByField: [ElevatorField: Int] = [:]
    /// The first updates in file order (at most ``updateDetailLimit``), to show.
    public var updates: [Update] = []
    /// Streets (by district name) that no elevator of the registry had before this import.
    public var newStreets: [String: Set<String>] = [:]

    /// Updates kept in detail; a million-row import keeps only counts beyond this.
    public static let updateDetailLimit = 1000

    public init() {}

    /// Records an update.
    public mutating func record(_ update: Update) {
        updated += 1
        for change in update.changes { changesByField[change.field, default: 0] += 1 }
        if updates.count < Self.updateDetailLimit { updates.append(update) }
    }

    /// The counts, as `upsertElevators` answers.
    public var count: UpsertCount { UpsertCount(inserted: inserted, updated: updated, unchanged: unchanged) }
}
