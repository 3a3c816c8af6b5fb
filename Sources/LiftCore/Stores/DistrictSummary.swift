import Foundation

/// A district's (or street's) supervision figures for one day.
///
/// Elevator statuses are the registry's current maintenance state measured against `day`;
/// abnormal records are those whose end scan fell on `day`; complaints are counted as they stood
/// at the end of `day` (or now, for today).
public struct DistrictSummary: Sendable, Hashable, Codable {
    public var day: CivilDate
    public var district: String
    public var street: String?
    public var elevators: Int
    public var stopped: Int
    public var overdue: Int
    public var noRecord: Int
    /// Overdue elevators among those in service (stopped ones can never be overdue), 0...1.
    public var overdueRate: Double
    public var abnormalRecords: Int
    public var openComplaints: Int
    public var pastDueComplaints: Int

    public init(
        day: CivilDate, district: String, street: String? = nil, elevators: Int, stopped: Int, overdue: Int, noRecord: Int,
        abnormalRecords: Int, openComplaints: Int, pastDueComplaints: Int
    ) {
        self.day = day
        self.district = district
        self.street = street
        self.elevators = elevators
        self.stopped = stopped
        self.overdue = overdue
        self.noRecord = noRecord
        let inService = elevators - stopped
        self.overdueRate = inService > 0 ? Double(overdue) / Double(inService) : 0
        self.abnormalRecords = abnormalRecords
        self.openComplaints = openComplaints
        self.pastDueComplaints = pastDueComplaints
    }
}
