import Foundation

/// Everything a lookup shows of one elevator, read in one go.
public struct ElevatorFacts: Sendable, Hashable, Codable {
    public var elevator: Elevator
    public var userUnitPhone: String?
    public var maintenanceUnitPhone: String?
    /// The elevator's insurance policies over time; `insurance(on:)` picks the one to show.
    public var insurancePolicies: [Insurance]
    public var history: MaintenanceHistory
    /// The last counted maintenance, with the worker to call.
    public var lastMaintenance: LastMaintenance?
    /// Serials of this elevator's labels that were revoked.
    public var revokedSerials: [Int]

    public init(
        elevator: Elevator, userUnitPhone: String? = nil, maintenanceUnitPhone: String? = nil, insurancePolicies: [Insurance] = [],
        history: MaintenanceHistory = MaintenanceHistory(), lastMaintenance: LastMaintenance? = nil, revokedSerials: [Int] = []
    ) {
        self.elevator = elevator
        self.userUnitPhone = userUnitPhone
        self.maintenanceUnitPhone = maintenanceUnitPhone
        self.insurancePolicies = insurancePolicies
        self.history = history
        self.lastMaintenance = lastMaintenance
        self.revokedSerials = revokedSerials
    }

    /// The policy shown on a day: the one in force, else the last expired one.
    public func insurance(on day: CivilDate) -> Insurance? {
        Insurance.shown(among: insurancePolicies, on: day)
    }

    /// The maintenance status on a day.
    public func status(on day: CivilDate) -> MaintenanceStatus {
        history.status(on: day, isStopped: elevator.isStopped)
    }

    /// The day the next half-monthly maintenance is due, when there is a record.
    public var nextHalfMonthDue: CivilDate? { history.dueDay(of: .halfMonth) }
}

/// The last counted maintenance of an elevator.
public struct LastMaintenance: Sendable, Hashable, Codable {
    public var endedAt: Date
    public var type: MaintenanceType
    public var workerName: String
    public var workerPhone: String?

    public init(endedAt: Date, type: MaintenanceType, workerName: String, workerPhone: String? = nil) {
        self.endedAt = endedAt
        self.type = type
        self.workerName = workerName
        self.workerPhone = workerPhone
    }
}
