import Foundation

/// The monthly figures of a district or of one maintenance unit in it.
public struct BulletinFigures: Sendable, Hashable, Codable {
    /// Rescue orders reported in the month (cancelled ones included) and the cancelled ones.
    public var rescues: Int = 0
    public var cancelledRescues: Int = 0
    /// Orders the rescuer reached, with the average and longest minutes from report to arrival.
    public var arrivals: Int = 0
    public var averageArrivalMinutes: Double?
    public var longestArrivalMinutes: Double?
    /// Orders marked late: arrived after the deadline, or not arrived by it.
    public var lateRescues: Int = 0
    /// Arrivals not proven by a genuine label of the elevator.
    public var unverifiedArrivals: Int = 0
    /// Elevators trapped twice or more in the month (cancelled orders not counted).
    public var repeatTrapElevators: Int = 0
    public var elevators: Int = 0
    public var inService: Int = 0
    /// Elevators with an active label, and their share of the registered ones.
    public var labelled: Int = 0
    public var labelCoverage: Double?
    /// Maintenance visits due in the month (two half-monthly visits per elevator in service), the
    /// counted ones (at most two per elevator), and their ratio.
    public var visitsDue: Int = 0
    public var countedVisits: Int = 0
    public var scanRate: Double?
    /// Elevators in service overdue on the measuring day, and their share.
    public var overdue: Int = 0
    public var overdueRate: Double?
    public var maintenanceRecords: Int = 0
    public var abnormalRecords: Int = 0
    /// Complaints filed in the month, those resolved, and the average and longest hours to resolution.
    public var complaints: Int = 0
    public var resolvedComplaints: Int = 0
    public var averageResolutionHours: Double?
    public var longestResolutionHours: Double?

    public init() {}
}

/// A maintenance unit's place in the bulletin's ranking.
public struct UnitRanking: Sendable, Hashable, Codable {
    /// 1 for the best score; equal scores share no rank (ties are broken by name).
    public var rank: Int
    public var unit: String
    public var score: Double
    /// 1 to 5, from the score (`UnitScore.stars`).
    public var stars: Int
    public var figures: BulletinFigures

    public init(rank: Int, unit: String, score: Double, stars: Int, figures: BulletinFigures) {
        self.rank = rank
        self.unit = unit
        self.score = score
        self.stars = stars
        self.figures = figures
    }
}

/// An elevator trapped twice or more in the month, named with its user unit as city platforms do.
public struct RepeatTrap: Sendable, Hashable, Codable {
    public var number: NNumber
    public var address: String?
    public var userUnit: String?
    public var maintenanceUnit: String?
    public var rescues: Int

    public init(number: NNumber, address: String?, userUnit: String?, maintenanceUnit: String?, rescues: Int) {
        self.number = number
        self.address = address
        self.userUnit = userUnit
        self.maintenanceUnit = maintenanceUnit
        self.rescues = rescues
    }
}
