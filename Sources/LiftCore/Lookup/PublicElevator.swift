import Foundation

/// What the public may see of an elevator after a scan: the JSON of `GET /E/<code>`, and what the
/// kiosk shows. Classified elevators (涉秘) carry only their number and status.
public struct PublicElevator: Sendable, Hashable, Codable {
    public var number: String
    public var classified: Bool
    public var status: MaintenanceStatus
    public var rescueCode: String?
    public var registrationCode: String?
    public var address: String?
    public var building: String?
    public var district: String?
    public var street: String?
    public var userUnit: String?
    public var userUnitPhone: String?
    public var maintenanceUnit: String?
    public var maintenanceUnitPhone: String?
    public var manufacturer: String?
    public var lastMaintenance: LastMaintenanceView?
    /// The day the next half-monthly maintenance is due (yyyy-mm-dd).
    public var nextHalfMonthDue: String?
    public var nextInspection: String?
    /// The next inspection date is past.
    public var inspectionOverdue: Bool
    public var insurance: InsuranceView?

    /// The last counted maintenance, as shown.
    public struct LastMaintenanceView: Sendable, Hashable, Codable {
        public var endedAt: Date
        public var type: MaintenanceType
        public var workerName: String?
        public var workerPhone: String?
    }

    /// The insurance, as shown.
    public struct InsuranceView: Sendable, Hashable, Codable {
        public var insurer: String
        public var policyNumber: String
        public var coverage: String
        public var validFrom: String
        public var validTo: String
        public var claimsPhone: String?
        public var expired: Bool
    }

    /// The public view of an elevator's facts on a day, redacted when classified.
    public init(_ facts: ElevatorFacts, today: CivilDate) {
        let elevator = facts.elevator
        number = elevator.number.description
        classified = elevator.isClassified
        status = facts.status(on: today)
        inspectionOverdue = false
        guard !elevator.isClassified else { return }
        rescueCode = elevator.rescueCode
        registrationCode = elevator.registrationCode
        address = elevator.address
        building = elevator.building
        district = elevator.district
        street = elevator.street
        userUnit = elevator.userUnit
        userUnitPhone = facts.userUnitPhone
        maintenanceUnit = elevator.maintenanceUnit
        maintenanceUnitPhone = facts.maintenanceUnitPhone
        manufacturer = elevator.manufacturer
        lastMaintenance = facts.lastMaintenance.map {
            LastMaintenanceView(endedAt: $0.endedAt, type: $0.type, workerName: $0.workerName, workerPhone: $0.workerPhone)
        }
        nextHalfMonthDue = elevator.isStopped ? nil : facts.nextHalfMonthDue?.description
        nextInspection = elevator.nextInspection?.description
        inspectionOverdue = elevator.nextInspection.map { $0 < today } ?? false
        insurance = facts.insurance(on: today).map {
            InsuranceView(
                insurer: $0.insurer, policyNumber: $0.policyNumber, coverage: $0.coverage, validFrom: $0.validFrom.description,
                validTo: $0.validTo.description, claimsPhone: $0.claimsPhone, expired: $0.isExpired(on: today))
        }
    }
}
