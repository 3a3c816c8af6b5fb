/// Units' contacts and webhooks, their workers and the elevators' insurance policies, as operators
/// load them. Each import is one transaction: `produce` hands rows to `add`; if anything throws,
/// nothing is written.
public protocol UnitStore: Sendable {
    /// Adds policies; a policy whose number the elevator already has replaces it.
    func importInsurance(_ produce: (_ add: (InsurancePolicyRow) throws -> Void) throws -> Void) async throws -> OperatorImportCount

    /// Applies unit changes, creating units that do not exist yet.
    func importUnits(_ produce: (_ add: (UnitUpdate) throws -> UnitUpdateOutcome) throws -> Void) async throws -> OperatorImportCount

    /// Adds or updates workers by login; their unit must be a registered maintenance unit.
    func importWorkers(_ produce: (_ add: (Worker) throws -> Void) throws -> Void) async throws -> OperatorImportCount

    /// Changes one unit. Throws `UnitStoreError`.
    func updateUnit(_ update: UnitUpdate) async throws -> UnitUpdateOutcome

    /// Units by kind and name.
    func unitListings(kind: Organization.Kind?) async throws -> [UnitListing]

    /// The unit of this kind and name, or nil when none is registered.
    func unit(named name: String, kind: Organization.Kind) async throws -> Organization?

    /// The registered worker with this login, or nil.
    func worker(login: String) async throws -> Worker?
}

/// What an operator import changed.
public struct OperatorImportCount: Sendable, Hashable, Codable {
    public var inserted = 0
    /// Rows that replaced or updated what was there.
    public var updated = 0

    public init(inserted: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.updated = updated
    }
}

/// Why a unit, worker or policy change was refused.
public enum UnitStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownUnit(String)
    case ambiguousUnit(String)
    case unknownMaintenanceUnit(String)
    case unknownElevator(ElevatorReference)
    case ambiguousRegistrationCode(String, count: Int)

    public var description: String {
        switch self {
        case .unknownUnit(let name): "no unit is named \(name) (import elevators or units first, or give its kind to create it)"
        case .ambiguousUnit(let name): "both a maintenance unit and a user unit are named \(name): say which (--kind maintenance or user)"
        case .unknownMaintenanceUnit(let name): "\(name) is not a registered maintenance unit (import elevators or units first)"
        case .unknownElevator(let reference): "elevator \(reference) is not registered"
        case .ambiguousRegistrationCode(let code, let count): "注册代码 \(code) belongs to \(count) elevators: name the elevator by its number instead"
        }
    }
}
