import Foundation

/// The raw facts of one district's month that the bulletin (`MonthlyBulletin`) is computed from;
/// a store gathers them, LiftCore does the arithmetic.
public struct BulletinFacts: Sendable, Hashable {
    public var district: String
    public var month: CivilMonth
    /// The day overdue elevators are counted on: the month's last day, or today in the month itself.
    public var measuredOn: CivilDate
    /// Every rescue order reported in the month.
    public var rescues: [RescueOrder]
    /// The registry and maintenance counts of each maintenance unit (nil: elevators without one).
    public var units: [BulletinUnitCounts]
    /// Complaints filed in the month.
    public var complaints: [BulletinComplaint]

    public init(
        district: String, month: CivilMonth, measuredOn: CivilDate, rescues: [RescueOrder], units: [BulletinUnitCounts],
        complaints: [BulletinComplaint]
    ) {
        self.district = district
        self.month = month
        self.measuredOn = measuredOn
        self.rescues = rescues
        self.units = units
        self.complaints = complaints
    }
}

/// One maintenance unit's elevators in a district and its month of maintenance.
public struct BulletinUnitCounts: Sendable, Hashable {
    public var unit: String?
    public var elevators: Int
    /// Elevators not stopped.
    public var inService: Int
    /// Elevators with an active label.
    public var labelled: Int
    /// Counted (passed, not abnormal) visits of the month to elevators in service, at most
    /// `MonthlyBulletin.visitsDuePerMonth` per elevator.
    public var countedVisits: Int
    /// Elevators in service overdue on the measuring day.
    public var overdue: Int
    /// Maintenance records of the month (by end scan) and the abnormal ones among them.
    public var records: Int
    public var abnormalRecords: Int

    public init(
        unit: String?, elevators: Int, inService: Int, labelled: Int, countedVisits: Int, overdue: Int, records: Int, abnormalRecords: Int
    ) {
        self.unit = unit
        self.elevators = elevators
        self.inService = inService
        self.labelled = labelled
        self.countedVisits = countedVisits
        self.overdue = overdue
        self.records = records
        self.abnormalRecords = abnormalRecords
    }
}

/// A complaint of the month: the unit it went to, when it was filed and when it was resolved.
public struct BulletinComplaint: Sendable, Hashable {
    public var unit: String?
    public var filedAt: Date
    public var resolvedAt: Date?

    public init(unit: String?, filedAt: Date, resolvedAt: Date?) {
        self.unit = unit
        self.filedAt = filedAt
        self.resolvedAt = resolvedAt
    }
}
