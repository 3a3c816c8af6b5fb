/// An elevator's maintenance status as the public page and regulators see it.
public enum MaintenanceStatus: String, Sendable, Codable, CaseIterable, Localized {
    /// 正常: maintenance is up to date.
    case current
    /// 超期: overdue, shown red (翻红).
    case overdue
    /// 停用: out of service, never overdue.
    case stopped
    /// 无记录: no counted maintenance yet.
    case noRecord = "no-record"

    public var chineseName: String {
        switch self {
        case .current: "正常"
        case .overdue: "超期"
        case .stopped: "停用"
        case .noRecord: "无记录"
        }
    }

    public func name(in language: Language) -> String {
        switch language {
        case .zh: chineseName
        case .en:
            switch self {
            case .current: "up to date"
            case .overdue: "overdue"
            case .stopped: "out of service"
            case .noRecord: "no record"
            }
        }
    }
}

/// The last counted maintenance of each type, kept per elevator so a lookup is one read.
///
/// A record of a more thorough type also counts for the lighter ones (a yearly visit includes the
/// half-monthly items). A type never done yet is measured from the first counted record.
public struct MaintenanceHistory: Sendable, Hashable, Codable {
    /// The Shanghai day of the last counted record of each type.
    public var lastCounted: [MaintenanceType: CivilDate]
    /// The first counted record's day, where the clock of a type never done starts.
    public var firstCounted: CivilDate?

    public init(lastCounted: [MaintenanceType: CivilDate] = [:], firstCounted: CivilDate? = nil) {
        self.lastCounted = lastCounted
        self.firstCounted = firstCounted
    }

    /// Adds a counted record of a type done on a day.
    public mutating func record(_ type: MaintenanceType, on day: CivilDate) {
        if let last = lastCounted[type], last >= day {} else { lastCounted[type] = day }
        if let first = firstCounted, first <= day {} else { firstCounted = day }
    }

    /// The last day that satisfies `type`: its own or a more thorough type's record.
    public func lastSatisfying(_ type: MaintenanceType) -> CivilDate? {
        MaintenanceType.allCases
            .filter { $0.intervalDays >= type.intervalDays }
            .compactMap { lastCounted[$0] }
            .max()
    }

    /// The last day on which each type is still on time; overdue from the day after.
    public func dueDay(of type: MaintenanceType) -> CivilDate? {
        guard let start = lastSatisfying(type) ?? firstCounted else { return nil }
        return start.adding(days: type.intervalDays)
    }

    /// The earliest due day over all types: overdue once today is past it.
    public var dueDay: CivilDate? {
        MaintenanceType.allCases.compactMap { dueDay(of: $0) }.min()
    }

    /// The status on a day.
    public func status(on today: CivilDate, isStopped: Bool) -> MaintenanceStatus {
        if isStopped { return .stopped }
        guard let due = dueDay else { return .noRecord }
        return today > due ? .overdue : .current
    }
}
