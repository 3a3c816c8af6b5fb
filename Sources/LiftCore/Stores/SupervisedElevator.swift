import Foundation

/// An elevator as a regulator sees it: its place, units, maintenance status and inspection.
public struct SupervisedElevator: Sendable, Hashable, Codable {
    public var number: NNumber
    public var address: String
    public var building: String?
    public var district: String
    public var street: String?
    public var userUnit: String?
    public var maintenanceUnit: String?
    public var status: MaintenanceStatus
    /// The last day maintenance is on time (overdue from the day after), when there is a record.
    public var dueDay: CivilDate?
    /// Days past `dueDay`, for an overdue elevator.
    public var daysOverdue: Int?
    public var lastMaintenanceAt: Date?
    public var lastMaintenanceType: MaintenanceType?
    public var lastWorker: String?
    public var nextInspection: CivilDate?
    /// The next inspection date has passed (shown red).
    public var inspectionOverdue: Bool
    public var isStopped: Bool
    public var isClassified: Bool

    public init(
        number: NNumber, address: String, building: String? = nil, district: String, street: String? = nil,
        userUnit: String? = nil, maintenanceUnit: String? = nil, status: MaintenanceStatus, dueDay: CivilDate? = nil,
        daysOverdue: Int? = nil, lastMaintenanceAt: Date? = nil, lastMaintenanceType: MaintenanceType? = nil,
        lastWorker: String? = nil, nextInspection: CivilDate? = nil, inspectionOverdue: Bool = false, isStopped: Bool = false,
        isClassified: Bool = false
    ) {
        self.number = number
        self.address = address
        self.building = building
        self.district = district
        self.street = street
        self.userUnit = userUnit
        self.maintenanceUnit = maintenanceUnit
        self.status = status
        self.dueDay = dueDay
        self.daysOverdue = daysOverdue
        self.lastMaintenanceAt = lastMaintenanceAt
        self.lastMaintenanceType = lastMaintenanceType
        self.lastWorker = lastWorker
        self.nextInspection = nextInspection
        self.inspectionOverdue = inspectionOverdue
        self.isStopped = isStopped
        self.isClassified = isClassified
    }
}
