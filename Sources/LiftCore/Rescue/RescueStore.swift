import Foundation

/// Rescue orders: opened durably with their dispatch, moved by the maintenance unit, watched
/// against their deadlines. Trapped reports filed as complaints open (or join) an order in the
/// complaint's own transaction (`ComplaintStore.file`).
public protocol RescueStore: Sendable {
    /// Opens an order for a call taken by phone, or joins the elevator's open order; dispatches it
    /// to the maintenance unit (outbox included) in the same transaction.
    /// Throws `RescueStoreError.unknownElevator`.
    func openRescue(_ filing: RescueFiling) async throws -> RescueOrder

    /// An order with its history, by its public id.
    func rescue(id: String) async throws -> RescueOrder?

    /// Applies an action to an order (`RescueOrder.applying`). Throws `RescueStoreError`.
    func apply(_ action: RescueAction, to id: String, by: String, at: Date) async throws -> RescueOrder

    /// Orders matching a filter, newest first.
    func rescues(_ filter: RescueFilter) async throws -> [RescueOrder]

    /// Escalates orders not accepted in time (queuing the district regulator's webhook) and marks
    /// late those not arrived in time, as of `now`. Returns what changed.
    func checkRescueDeadlines(now: Date) async throws -> RescueDeadlineReport

    /// The district regulator's escalation webhook, or nil to remove it.
    func setRegulatorWebhook(district: String, url: String?) async throws

    /// The raw facts of a district's month for the bulletin (`MonthlyBulletin`).
    func bulletinFacts(district: String, month: CivilMonth, asOf: Date) async throws -> BulletinFacts
}

/// A rescue taken by phone (96333 or the regulator), or reported by scan.
public struct RescueFiling: Sendable {
    public var number: NNumber
    public var source: RescueSource
    public var verification: VerificationOutcome
    public var callerPhone: String?
    public var note: String?
    public var receivedAt: Date
    /// Who entered it (an operator's account), for the history.
    public var by: String?

    public init(
        number: NNumber, source: RescueSource, verification: VerificationOutcome, callerPhone: String? = nil, note: String? = nil,
        receivedAt: Date, by: String? = nil
    ) {
        self.number = number
        self.source = source
        self.verification = verification
        self.callerPhone = callerPhone
        self.note = note
        self.receivedAt = receivedAt
        self.by = by
    }
}

/// Which orders to list.
public struct RescueFilter: Sendable, Hashable {
    public var maintenanceUnit: String?
    public var district: String?
    public var street: String?
    public var number: NNumber?
    public var state: RescueState?
    /// Only orders not released, closed or cancelled.
    public var openOnly: Bool
    public var lateOnly: Bool
    public var escalatedOnly: Bool
    /// Only orders whose arrival was recorded without a genuine label of the elevator.
    public var unverifiedOnly: Bool
    /// Reported from this instant (inclusive) to that one (exclusive).
    public var from: Date?
    public var to: Date?
    public var limit: Int
    public var offset: Int

    public init(
        maintenanceUnit: String? = nil, district: String? = nil, street: String? = nil, number: NNumber? = nil, state: RescueState? = nil,
        openOnly: Bool = false, lateOnly: Bool = false, escalatedOnly: Bool = false, unverifiedOnly: Bool = false, from: Date? = nil,
        to: Date? = nil, limit: Int = 200, offset: Int = 0
    ) {
        self.maintenanceUnit = maintenanceUnit
        self.district = district
        self.street = street
        self.number = number
        self.state = state
        self.openOnly = openOnly
        self.lateOnly = lateOnly
        self.escalatedOnly = escalatedOnly
        self.unverifiedOnly = unverifiedOnly
        self.from = from
        self.to = to
        self.limit = limit
        self.offset = offset
    }
}

/// What a deadline check changed.
public struct RescueDeadlineReport: Sendable, Hashable {
    /// Orders escalated to their regulator now.
    public var escalated: [String]
    /// Orders marked late now.
    public var markedLate: [String]

    public init(escalated: [String] = [], markedLate: [String] = []) {
        self.escalated = escalated
        self.markedLate = markedLate
    }
}

/// Why a rescue operation was refused.
public enum RescueStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownElevator(NNumber)
    case unknownRescue(String)
    case wrongState(RescueTransitionError)

    public var description: String {
        switch self {
        case .unknownElevator(let number): "elevator \(number) is not registered"
        case .unknownRescue(let id): "no rescue order has id \(id)"
        case .wrongState(let error): error.description
        }
    }
}
