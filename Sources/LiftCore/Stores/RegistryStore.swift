/// The elevator registry as lookups, the kiosk and imports need it.
public protocol RegistryStore: Sendable {
    /// The facts of one elevator, or nil when it is not registered. Its `revokedSerials` are the
    /// ledger's revoked labels of the number.
    func facts(for number: NNumber) async throws -> ElevatorFacts?

    /// The ledger's revoked label serials of a number, registered or not (labels are printed for
    /// fresh numbers before their elevators are registered).
    func revokedSerials(of number: NNumber) async throws -> [Int]

    /// Whether a number is registered and its revoked serials, in one light read (what a
    /// complaint needs; a store without a faster way reads the facts).
    func standing(of number: NNumber) async throws -> NumberStanding

    /// The workers a maintenance unit has registered, by name.
    func workers(ofUnit unit: String) async throws -> [Worker]

    /// Elevators matching a filter, by number, with their facts.
    func elevators(_ filter: ElevatorFilter) async throws -> [ElevatorFacts]

    /// The street offices (街道办) that the registered elevators of a district name.
    func streets(inDistrict district: String) async throws -> Set<String>

    /// Inserts or updates elevators by number, creating units from their names, in one
    /// transaction: `produce` hands rows to `upsert`; if it throws, nothing is written.
    /// An update sets only `fields` (the columns the file has), and an elevator whose fields
    /// would not change is not written. A dry run reports the same and writes nothing.
    /// Streaming keeps memory flat for a registry of a million rows.
    func importElevators(
        setting fields: Set<ElevatorField>, dryRun: Bool, _ produce: (_ upsert: (Elevator) throws -> Void) throws -> Void
    ) async throws -> RegistryImportReport
}

extension RegistryStore {
    public func standing(of number: NNumber) async throws -> NumberStanding {
        if let facts = try await facts(for: number) { return NumberStanding(isRegistered: true, revokedSerials: facts.revokedSerials) }
        return NumberStanding(isRegistered: false, revokedSerials: try await revokedSerials(of: number))
    }

    /// Inserts or updates elevators by number, setting every field, all or nothing.
    public func upsertElevators(_ produce: (_ upsert: (Elevator) throws -> Void) throws -> Void) async throws -> UpsertCount {
        try await importElevators(setting: Set(ElevatorField.allCases), dryRun: false, produce).count
    }

    /// Inserts or updates these elevators, all or nothing.
    public func upsert(_ elevators: [Elevator]) async throws -> UpsertCount {
        try await upsertElevators { upsert in
            for elevator in elevators { try upsert(elevator) }
        }
    }
}

/// What an import changed.
public struct UpsertCount: Sendable, Hashable {
    public var inserted: Int
    public var updated: Int
    /// Already registered with the same facts: not written.
    public var unchanged: Int

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// Which elevators to list.
public struct ElevatorFilter: Sendable, Hashable {
    public var userUnit: String?
    public var maintenanceUnit: String?
    public var district: String?
    public var street: String?
    public var limit: Int
    public var offset: Int

    public init(userUnit: String? = nil, maintenanceUnit: String? = nil, district: String? = nil, street: String? = nil, limit: Int = 500, offset: Int = 0) {
        self.userUnit = userUnit
        self.maintenanceUnit = maintenanceUnit
        self.district = district
        self.street = street
        self.limit = limit
        self.offset = offset
    }
}
