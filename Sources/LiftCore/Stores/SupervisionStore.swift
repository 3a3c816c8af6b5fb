import Foundation

/// What regulators query: their area's elevators, maintenance records and complaints, and a
/// daily summary per district (DESIGN.md sections 6 and 8).
///
/// Every query is bounded: pages for JSON, and `forEach…` cursors for exports, which hand rows
/// to a closure one at a time so that a 100,000-row export never holds its rows in memory.
/// The `forEach…` and `count` methods are synchronous: exports run them off the event loop.
public protocol SupervisionStore: Sendable {
    /// One page of the elevators matching a filter: overdue ones most overdue first, else by number.
    func supervisedElevators(_ filter: SupervisedElevatorFilter, page: PageRequest) async throws -> ResultPage<SupervisedElevator>
    /// Every matching elevator, in page order, up to `limit`.
    func forEachSupervisedElevator(
        _ filter: SupervisedElevatorFilter, limit: Int?, _ body: (SupervisedElevator) throws -> Void) throws
    /// How many elevators match.
    func count(_ filter: SupervisedElevatorFilter) throws -> Int

    /// One page of the maintenance records matching a filter, latest first.
    func supervisedRecords(_ filter: SupervisedRecordFilter, page: PageRequest) async throws -> ResultPage<SupervisedRecord>
    /// Every matching record, latest first, up to `limit`.
    func forEachSupervisedRecord(_ filter: SupervisedRecordFilter, limit: Int?, _ body: (SupervisedRecord) throws -> Void) throws
    /// How many records match.
    func count(_ filter: SupervisedRecordFilter) throws -> Int

    /// One page of the complaints matching a filter, newest first.
    func supervisedComplaints(_ filter: SupervisedComplaintFilter, page: PageRequest) async throws -> ResultPage<SupervisedComplaint>
    /// Every matching complaint, newest first, up to `limit`.
    func forEachSupervisedComplaint(
        _ filter: SupervisedComplaintFilter, limit: Int?, _ body: (SupervisedComplaint) throws -> Void) throws
    /// How many complaints match.
    func count(_ filter: SupervisedComplaintFilter) throws -> Int

    /// The daily summary of each district in the scope, by district name.
    /// - Parameters:
    ///   - day: the Shanghai day summarised.
    ///   - now: the present instant; complaints are counted as they stood at the end of `day` or
    ///     now, whichever is earlier.
    func dailySummary(_ scope: SupervisionScope, day: CivilDate, now: Date) throws -> [DistrictSummary]
}

/// The area a query covers: a district, or one street of it. No district means every district
/// (admins, and the command line run by whoever holds the database file).
public struct SupervisionScope: Sendable, Hashable, Codable {
    public var district: String?
    public var street: String?

    public init(district: String? = nil, street: String? = nil) {
        self.district = district
        self.street = street
    }

    /// Every district.
    public static let everywhere = SupervisionScope()
}

/// Which page of a list to return.
public struct PageRequest: Sendable, Hashable {
    /// The largest page the API hands out; exports stream instead.
    public static let maximumLimit = 1000

    public var limit: Int
    public var offset: Int

    public init(limit: Int = 100, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }
}

/// One page of a list and where the next one starts.
public struct ResultPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The offset of the next page, or nil on the last page.
    public var nextOffset: Int?

    public init(items: [Item], nextOffset: Int?) {
        self.items = items
        self.nextOffset = nextOffset
    }
}

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

/// Which maintenance records a regulator lists.
public struct SupervisedRecordFilter: Sendable, Hashable {
    public var scope: SupervisionScope
    /// First and last Shanghai day of the end scan, inclusive.
    public var from: CivilDate?
    public var to: CivilDate?
    /// The maintenance unit's name.
    public var maintenanceUnit: String?
    /// A worker's login (W0101) or name.
    public var worker: String?
    public var status: ReviewStatus?
    /// Only abnormal records (超时上传, 超量上传).
    public var abnormalOnly: Bool
    /// Only abnormal records of this type.
    public var abnormal: AbnormalType?

    public init(
        scope: SupervisionScope, from: CivilDate? = nil, to: CivilDate? = nil, maintenanceUnit: String? = nil,
        worker: String? = nil, status: ReviewStatus? = nil, abnormalOnly: Bool = false, abnormal: AbnormalType? = nil
    ) {
        self.scope = scope
        self.from = from
        self.to = to
        self.maintenanceUnit = maintenanceUnit
        self.worker = worker
        self.status = status
        self.abnormalOnly = abnormalOnly
        self.abnormal = abnormal
    }
}

/// A maintenance record with the place of its elevator.
public struct SupervisedRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var number: NNumber
    public var district: String
    public var street: String?
    public var address: String
    public var type: MaintenanceType
    public var startedAt: Date
    public var endedAt: Date
    public var uploadedAt: Date
    public var durationMinutes: Int
    public var workerLogin: String
    public var workerName: String
    public var maintenanceUnit: String
    public var status: ReviewStatus
    public var abnormal: AbnormalType?
    public var verification: VerificationOutcome

    public init(
        id: Int64, number: NNumber, district: String, street: String?, address: String, type: MaintenanceType, startedAt: Date,
        endedAt: Date, uploadedAt: Date, workerLogin: String, workerName: String, maintenanceUnit: String, status: ReviewStatus,
        abnormal: AbnormalType?, verification: VerificationOutcome
    ) {
        self.id = id
        self.number = number
        self.district = district
        self.street = street
        self.address = address
        self.type = type
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.uploadedAt = uploadedAt
        self.durationMinutes = Int(endedAt.timeIntervalSince(startedAt) / 60)
        self.workerLogin = workerLogin
        self.workerName = workerName
        self.maintenanceUnit = maintenanceUnit
        self.status = status
        self.abnormal = abnormal
        self.verification = verification
    }
}

/// Which complaints a regulator lists.
public struct SupervisedComplaintFilter: Sendable, Hashable {
    /// A complaint still open this long after it was filed is past due.
    public static let pastDueInterval: TimeInterval = 7 * 86_400

    public var scope: SupervisionScope
    /// Only complaints still waiting for the maintenance unit (received, routed, acknowledged).
    public var openOnly: Bool
    /// Only open complaints filed more than seven days before `now`.
    public var pastDueOnly: Bool
    /// First and last Shanghai day of filing, inclusive.
    public var from: CivilDate?
    public var to: CivilDate?
    /// The present instant, against which "past due" is measured.
    public var now: Date

    public init(
        scope: SupervisionScope, openOnly: Bool = false, pastDueOnly: Bool = false, from: CivilDate? = nil, to: CivilDate? = nil,
        now: Date
    ) {
        self.scope = scope
        self.openOnly = openOnly
        self.pastDueOnly = pastDueOnly
        self.from = from
        self.to = to
        self.now = now
    }
}

/// A complaint as a regulator sees it: named by its public id, never its ticket (the reporter's
/// secret) or the reporter's phone.
public struct SupervisedComplaint: Sendable, Hashable, Codable {
    /// The complaint's public id.
    public var id: String
    public var number: NNumber
    public var district: String?
    public var street: String?
    public var address: String?
    public var category: ComplaintCategory
    public var problem: ComplaintProblem?
    public var text: String?
    public var verification: VerificationOutcome
    public var state: ComplaintState
    public var routedTo: String?
    public var resolution: String?
    public var satisfied: Bool?
    public var createdAt: Date
    public var updatedAt: Date
    /// Still open seven days after filing.
    public var isPastDue: Bool

    public init(
        id: String, number: NNumber, district: String?, street: String?, address: String?, category: ComplaintCategory,
        problem: ComplaintProblem?, text: String?, verification: VerificationOutcome, state: ComplaintState, routedTo: String?,
        resolution: String?, satisfied: Bool?, createdAt: Date, updatedAt: Date, isPastDue: Bool
    ) {
        self.id = id
        self.number = number
        self.district = district
        self.street = street
        self.address = address
        self.category = category
        self.problem = problem
        self.text = text
        self.verification = verification
        self.state = state
        self.routedTo = routedTo
        self.resolution = resolution
        self.satisfied = satisfied
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.isPastDue = isPastDue
    }
}

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
