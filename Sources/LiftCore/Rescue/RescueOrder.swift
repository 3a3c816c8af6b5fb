import Foundation

/// A rescue order: people are trapped in an elevator, and its maintenance unit must accept the
/// order and reach the car within the district's deadlines. The rules of its life are here and
/// nowhere else: `applying(_:at:)` moves it, `applyingDeadlines(now:)` escalates and marks it late.
public struct RescueOrder: Sendable, Hashable, Codable {
    /// The order's own public id ("R" and 12 base32 characters): staff name it by this, never by
    /// a reporter's ticket.
    public var id: String
    public var number: NNumber
    public var district: String
    public var street: String?
    /// The elevator's maintenance unit, which the order is dispatched to.
    public var maintenanceUnit: String?
    /// The elevator's user unit (物业), named in the bulletin's repeat-trap list.
    public var userUnit: String?
    public var address: String?
    public var elevatorIsClassified: Bool
    public var source: RescueSource
    /// How the first report's code was verified (a phone call is unverified).
    public var reportVerification: VerificationOutcome
    /// A callback number from the report: for the maintenance unit alone.
    public var callerPhone: String?
    /// The operator's or reporter's note.
    public var note: String?
    public var state: RescueState
    /// Reports that joined this order (several passengers of one car scanning).
    public var reports: Int
    public var reportedAt: Date
    /// The deadlines in force when it was reported (a later change of settings does not move them).
    public var deadlines: RescueDeadlines
    public var dispatchedAt: Date?
    public var acceptedAt: Date?
    public var rescuerName: String?
    public var rescuerPhone: String?
    public var arrivedAt: Date?
    public var arrival: ArrivalCheck?
    public var releasedAt: Date?
    public var closedAt: Date?
    public var cancelledAt: Date?
    public var cancelReason: String?
    /// When it was escalated to the district regulator (not accepted in time); stays set.
    public var escalatedAt: Date?
    /// When it was marked late (not arrived by the deadline); stays set for ever.
    public var lateAt: Date?
    public var events: [RescueEvent]

    public init(
        id: String, number: NNumber, district: String, street: String? = nil, maintenanceUnit: String?, userUnit: String? = nil,
        address: String? = nil, elevatorIsClassified: Bool = false, source: RescueSource, reportVerification: VerificationOutcome,
        callerPhone: String? = nil, note: String? = nil, reportedAt: Date, deadlines: RescueDeadlines
    ) {
        self.id = id
        self.number = number
        self.district = district
        self.street = street
        self.maintenanceUnit = maintenanceUnit
        self.userUnit = userUnit
        self.address = address
        self.elevatorIsClassified = elevatorIsClassified
        self.source = source
        self.reportVerification = reportVerification
        self.callerPhone = callerPhone
        self.note = note
        self.state = .reported
        self.reports = 1
        self.reportedAt = reportedAt
        self.deadlines = deadlines
        self.events = [RescueEvent(at: reportedAt, kind: .reported, note: source.name(in: .zh))]
    }

    /// A fresh public id: "R" and 12 base32 characters (60 random bits).
    public static func newID() -> String {
        "R" + Base32.encode(RandomBytes.make(8)).prefix(12)
    }

    /// The last instant acceptance is on time.
    public var acceptBy: Date { deadlines.acceptBy(reportedAt) }
    /// The last instant arrival is on time.
    public var arriveBy: Date { deadlines.arriveBy(reportedAt) }

    /// Minutes from the report to the rescuer's arrival.
    public var arrivalMinutes: Double? { arrivedAt.map { $0.timeIntervalSince(reportedAt) / 60 } }

    /// Marked late: not arrived by the deadline. Once marked, always.
    public var isLate: Bool { lateAt != nil }
    /// Escalated to the regulator: not accepted in time. Once escalated, always.
    public var isEscalated: Bool { escalatedAt != nil }

    /// The order after an action at an instant, or why the action is not allowed now.
    /// An arrival after the deadline marks the order late.
    public func applying(_ action: RescueAction, at: Date) throws(RescueTransitionError) -> RescueOrder {
        let kind = action.kind
        guard kind.allowedFrom.contains(state) else { throw RescueTransitionError(id: id, state: state, action: kind) }
        var order = self
        order.state = kind.target
        var note: String?
        switch action {
        case .dispatch(let unit):
            order.maintenanceUnit = unit
            order.dispatchedAt = at
            note = unit
        case .accept(let rescuer, let phone):
            order.acceptedAt = at
            order.rescuerName = rescuer
            order.rescuerPhone = phone
            note = rescuer
        case .arrive(let check):
            order.arrivedAt = at
            order.arrival = check
            note = check.code
            if at > arriveBy, order.lateAt == nil {
                order.lateAt = at
                order.events.append(RescueEvent(at: at, kind: .late, note: "arrived after \(ShanghaiTime.format(arriveBy))"))
            }
        case .release:
            order.releasedAt = at
        case .close:
            order.closedAt = at
        case .cancel(let reason):
            order.cancelledAt = at
            order.cancelReason = reason
            note = reason
        }
        order.events.append(RescueEvent(at: at, kind: RescueEvent.Kind(rawValue: kind.target.rawValue)!, note: note))
        return order
    }

    /// What the deadlines say at `now`: escalate an order not accepted after its acceptance
    /// deadline, mark late an order not arrived after its arrival deadline. Each happens once.
    /// Exactly at a deadline is still on time.
    public func applyingDeadlines(now: Date) -> (order: RescueOrder, escalated: Bool, late: Bool) {
        var order = self
        let escalate = escalatedAt == nil && state.awaitsAcceptance && now > acceptBy
        let late = lateAt == nil && state.awaitsArrival && now > arriveBy
        if escalate {
            order.escalatedAt = now
            order.events.append(RescueEvent(at: now, kind: .escalated, note: "not accepted by \(ShanghaiTime.format(acceptBy))"))
        }
        if late {
            order.lateAt = now
            order.events.append(RescueEvent(at: now, kind: .late, note: "not arrived by \(ShanghaiTime.format(arriveBy))"))
        }
        return (order, escalate, late)
    }

    /// Another report of the same open order (another passenger of the car).
    public func addingReport(at: Date, verification: VerificationOutcome) -> RescueOrder {
        var order = self
        order.reports += 1
        order.events.append(RescueEvent(at: at, kind: .reportAdded, note: verification.rawValue))
        return order
    }
}

/// Something done to a rescue order.
public enum RescueAction: Sendable, Hashable {
    /// Sent to a maintenance unit.
    case dispatch(unit: String)
    /// The unit names its rescuer.
    case accept(rescuer: String, phone: String?)
    /// The rescuer is at the elevator, with what the arrival scan proved.
    case arrive(ArrivalCheck)
    /// The people are out.
    case release
    case close
    case cancel(reason: String)

    public var kind: Kind {
        switch self {
        case .dispatch: .dispatch
        case .accept: .accept
        case .arrive: .arrive
        case .release: .release
        case .close: .close
        case .cancel: .cancel
        }
    }

    /// An action without its details, with the states it may start from and the one it leads to.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case dispatch, accept, arrive, release, close, cancel

        /// The states the action is allowed in.
        public var allowedFrom: Set<RescueState> {
            switch self {
            case .dispatch: [.reported]
            case .accept: [.dispatched]
            case .arrive: [.accepted]
            case .release: [.arrived]
            case .close: [.released]
            case .cancel: [.reported, .dispatched, .accepted, .arrived]
            }
        }

        /// The state after it.
        public var target: RescueState {
            switch self {
            case .dispatch: .dispatched
            case .accept: .accepted
            case .arrive: .arrived
            case .release: .released
            case .close: .closed
            case .cancel: .cancelled
            }
        }
    }
}

/// An action not allowed in the order's state.
public struct RescueTransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let id: String
    public let state: RescueState
    public let action: RescueAction.Kind

    public init(id: String, state: RescueState, action: RescueAction.Kind) {
        self.id = id
        self.state = state
        self.action = action
    }

    public var description: String {
        let allowed = action.allowedFrom.map(\.rawValue).sorted().joined(separator: " or ")
        return "rescue \(id) is \(state.rawValue); \(action.rawValue) is allowed only when it is \(allowed)"
    }
}

/// One step of a rescue order's history.
public struct RescueEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case reported, dispatched, accepted, arrived, released, closed, cancelled
        /// Not accepted in time: sent to the district regulator.
        case escalated
        /// Not arrived by the deadline.
        case late
        /// Another report joined the order.
        case reportAdded = "report-added"
    }

    public var at: Date
    public var kind: Kind
    public var note: String?

    public init(at: Date, kind: Kind, note: String? = nil) {
        self.at = at
        self.kind = kind
        self.note = note
    }
}
