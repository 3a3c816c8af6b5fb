import Foundation
import LiftCore

/// A rescue order as an account sees it: named by its own public id (never a reporter's ticket),
/// with its clocks. The caller's phone goes to the maintenance unit alone (maintainers and
/// workers); the rescuer's phone to the unit, the 96333 line and admins, who coordinate the
/// rescue; regulators see who the rescuer was, not the phone.
struct RescueView: Encodable {
    let id: String
    let elevator: String
    let district: String
    let street: String?
    let address: String?
    let maintenanceUnit: String?
    let userUnit: String?
    let source: RescueSource
    let reportVerification: VerificationOutcome
    let reports: Int
    let state: RescueState
    let stateName: String
    let callerPhone: String?
    let note: String?
    let reportedAt: Date
    let acceptBy: Date
    let arriveBy: Date
    /// Minutes since the report (until arrival, or until now while the rescuer is on the way).
    let elapsedMinutes: Double
    /// Seconds left before the arrival deadline; negative once it has passed; nil once arrived or ended.
    let secondsToArrivalDeadline: Int?
    let dispatchedAt: Date?
    let acceptedAt: Date?
    let rescuer: String?
    let rescuerPhone: String?
    let arrivedAt: Date?
    let arrivalMinutes: Double?
    let arrival: ArrivalCheck?
    let arrivalVerified: Bool?
    let arrivalCheck: String?
    let releasedAt: Date?
    let closedAt: Date?
    let cancelledAt: Date?
    let cancelReason: String?
    let escalated: Bool
    let escalatedAt: Date?
    let late: Bool
    let lateAt: Date?
    let history: [RescueEvent]?

    init(_ order: RescueOrder, for account: Account, now: Date, language: Language, withHistory: Bool = false) {
        id = order.id
        elevator = order.number.description
        district = order.district
        street = order.street
        address = order.address
        maintenanceUnit = order.maintenanceUnit
        userUnit = order.userUnit
        source = order.source
        reportVerification = order.reportVerification
        reports = order.reports
        state = order.state
        stateName = order.state.name(in: language)
        let unit = account.role == .maintainer || account.role == .worker
        callerPhone = unit ? order.callerPhone : nil
        note = order.note
        reportedAt = order.reportedAt
        acceptBy = order.acceptBy
        arriveBy = order.arriveBy
        let until = order.arrivedAt ?? order.cancelledAt ?? order.closedAt ?? now
        elapsedMinutes = (until.timeIntervalSince(order.reportedAt) / 60 * 10).rounded() / 10
        secondsToArrivalDeadline = order.state.awaitsArrival ? Int(order.arriveBy.timeIntervalSince(now).rounded(.down)) : nil
        dispatchedAt = order.dispatchedAt
        acceptedAt = order.acceptedAt
        rescuer = order.rescuerName
        rescuerPhone = unit || account.role == .emergencyOperator || account.role == .admin ? order.rescuerPhone : nil
        arrivedAt = order.arrivedAt
        arrivalMinutes = order.arrivalMinutes.map { ($0 * 10).rounded() / 10 }
        arrival = order.arrival
        arrivalVerified = order.arrival?.isVerified
        arrivalCheck = order.arrival?.name(in: language)
        releasedAt = order.releasedAt
        closedAt = order.closedAt
        cancelledAt = order.cancelledAt
        cancelReason = order.cancelReason
        escalated = order.isEscalated
        escalatedAt = order.escalatedAt
        late = order.isLate
        lateAt = order.lateAt
        history = withHistory ? order.events : nil
    }
}
