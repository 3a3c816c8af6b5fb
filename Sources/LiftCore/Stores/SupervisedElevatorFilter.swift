import Foundation

/// Which elevators a regulator lists.
public struct SupervisedElevatorFilter: Sendable, Hashable {
    public var scope: SupervisionScope
    /// Only overdue elevators (超期): in service, with a due day before `today`.
    public var overdueOnly: Bool
    /// Only elevators whose next inspection falls within this many days of `today` (or has passed).
    public var inspectionDueWithinDays: Int?
    /// Only stopped elevators (true), only those in service (false), or both (nil).
    public var stopped: Bool?
    /// A unit's name: the elevator's user unit or its maintenance unit.
    public var unit: String?
    /// Part of the building's or estate's name (楼盘名称).
    public var building: String?
    /// The day statuses are computed for (Shanghai).
    public var today: CivilDate
    /// One elevator by number.
    public var number: NNumber?
    /// Part of the address, or the registration code (注册代码).
    public var addressContains: String?

    public init(
        scope: SupervisionScope, overdueOnly: Bool = false, inspectionDueWithinDays: Int? = nil, stopped: Bool? = nil,
        unit: String? = nil, building: String? = nil, today: CivilDate
    ) {
        self.scope = scope
        self.overdueOnly = overdueOnly
        self.inspectionDueWithinDays = inspectionDueWithinDays
        self.stopped = stopped
        self.unit = unit
        self.building = building
        self.today = today
    }
}
