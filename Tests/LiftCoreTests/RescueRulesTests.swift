import Foundation
import LiftCore
import Testing

/// The rescue order's rules: every state change, the deadlines at their boundaries, and what an
/// arrival scan proves.
@Suite struct RescueRulesTests {
    static let reported = Date(timeIntervalSince1970: 1_795_000_000)
    let number = NNumber(value: 614)!

    func order(_ deadlines: RescueDeadlines = .standard) -> RescueOrder {
        RescueOrder(
            id: "RTEST", number: number, district: "崇川区", maintenanceUnit: nil, source: .phone, reportVerification: .unverified,
            reportedAt: Self.reported, deadlines: deadlines)
    }

    func at(_ minutes: Double) -> Date { Self.reported.addingTimeInterval(minutes * 60) }

    static let actions: [RescueAction] = [
        .dispatch(unit: "南通弘扬电梯安装有限公司"), .accept(rescuer: "陈建章", phone: "13912345678"), .arrive(.verified), .release, .close,
        .cancel(reason: "误报"),
    ]

    /// An order in a given state, reached by the allowed path.
    func order(in state: RescueState) throws -> RescueOrder {
        var order = order()
        let path: [RescueAction]
        switch state {
        case .reported: path = []
        case .dispatched: path = Array(Self.actions.prefix(1))
        case .accepted: path = Array(Self.actions.prefix(2))
        case .arrived: path = Array(Self.actions.prefix(3))
        case .released: path = Array(Self.actions.prefix(4))
        case .closed: path = Array(Self.actions.prefix(5))
        case .cancelled: path = [.cancel(reason: "误报")]
        }
        for (index, action) in path.enumerated() { order = try order.applying(action, at: at(Double(index + 1))) }
        return order
    }

    @Test func theWholePathFromReportToClose() throws {
        var order = order()
        #expect(order.state == .reported && order.events.map(\.kind) == [.reported])
        order = try order.applying(.dispatch(unit: "南通弘扬电梯安装有限公司"), at: at(0))
        #expect(order.state == .dispatched && order.maintenanceUnit == "南通弘扬电梯安装有限公司" && order.dispatchedAt == at(0))
        order = try order.applying(.accept(rescuer: "陈建章", phone: "13912345678"), at: at(3))
        #expect(order.state == .accepted && order.rescuerName == "陈建章" && order.rescuerPhone == "13912345678" && order.acceptedAt == at(3))
        order = try order.applying(.arrive(.verified), at: at(13.5))
        #expect(order.state == .arrived && order.arrival == .verified && order.arrivalMinutes == 13.5 && !order.isLate)
        order = try order.applying(.release, at: at(20))
        #expect(order.state == .released && order.releasedAt == at(20))
        order = try order.applying(.close, at: at(40))
        #expect(order.state == .closed && order.closedAt == at(40))
        #expect(order.events.map(\.kind) == [.reported, .dispatched, .accepted, .arrived, .released, .closed])
    }

    /// Every action in every state: allowed exactly where the table says, else refused naming both.
    @Test func everyActionInEveryState() throws {
        let allowed: [RescueState: Set<RescueAction.Kind>] = [
            .reported: [.dispatch, .cancel], .dispatched: [.accept, .cancel], .accepted: [.arrive, .cancel],
            .arrived: [.release, .cancel], .released: [.close], .closed: [], .cancelled: [],
        ]
        for state in RescueState.allCases {
            let order = try order(in: state)
            #expect(order.state == state)
            for action in Self.actions {
                let expectedAllowed = allowed[state]!.contains(action.kind)
                do {
                    let next = try order.applying(action, at: at(10))
                    #expect(expectedAllowed, "\(action.kind) from \(state) must be refused")
                    #expect(next.state == action.kind.target)
                    #expect(next.events.count == order.events.count + 1)
                } catch {
                    #expect(!expectedAllowed, "\(action.kind) from \(state) must be allowed")
                    #expect(error == RescueTransitionError(id: "RTEST", state: state, action: action.kind))
                    #expect(error.description.contains(state.rawValue))
                }
            }
        }
    }

    @Test func cancellingKeepsTheReason() throws {
        let cancelled = try order(in: .accepted).applying(.cancel(reason: "乘客已自行离开"), at: at(9))
        #expect(cancelled.state == .cancelled && cancelled.cancelReason == "乘客已自行离开" && cancelled.cancelledAt == at(9))
        #expect(!cancelled.state.isOpen)
    }

    @Test func acceptanceDeadlineBoundary() throws {
        let dispatched = try order(in: .dispatched)
        #expect(dispatched.acceptBy == at(5))
        let onTime = dispatched.applyingDeadlines(now: at(5))
        #expect(!onTime.escalated && onTime.order.escalatedAt == nil, "exactly at the deadline is still on time")
        let past = dispatched.applyingDeadlines(now: at(5).addingTimeInterval(1))
        #expect(past.escalated && past.order.escalatedAt == at(5).addingTimeInterval(1) && !past.late)
        #expect(past.order.events.last?.kind == .escalated)
        // Once only.
        let again = past.order.applyingDeadlines(now: at(6))
        #expect(!again.escalated && again.order == past.order)
        // Accepting later does not clear the mark.
        let accepted = try past.order.applying(.accept(rescuer: "陈建章", phone: nil), at: at(7))
        #expect(accepted.isEscalated)
        // An order accepted in time is never escalated.
        let inTime = try dispatched.applying(.accept(rescuer: "陈建章", phone: nil), at: at(5))
        #expect(!inTime.applyingDeadlines(now: at(29)).escalated)
    }

    @Test func arrivalDeadlineBoundary() throws {
        let accepted = try order(in: .accepted)
        #expect(accepted.arriveBy == at(30))
        #expect(!accepted.applyingDeadlines(now: at(30)).late)
        let late = accepted.applyingDeadlines(now: at(30).addingTimeInterval(1))
        #expect(late.late && late.order.isLate && late.order.lateAt == at(30).addingTimeInterval(1))
        // Late for ever: arriving, releasing and closing keep it.
        var order = try late.order.applying(.arrive(.verified), at: at(35))
        order = try order.applying(.release, at: at(40)).applying(.close, at: at(50))
        #expect(order.isLate && order.lateAt == at(30).addingTimeInterval(1))
        #expect(order.events.filter { $0.kind == .late }.count == 1)

        // Arriving exactly at the deadline is on time; a second later is late, marked by the arrival.
        let exactly = try accepted.applying(.arrive(.verified), at: at(30))
        #expect(!exactly.isLate)
        let second = try accepted.applying(.arrive(.verified), at: at(30).addingTimeInterval(1))
        #expect(second.isLate && second.events.contains { $0.kind == .late })
        // After arrival the watch marks nothing.
        #expect(!exactly.applyingDeadlines(now: at(90)).late)
    }

    @Test func deadlinesPerDistrict() throws {
        let policy = try RescuePolicy(csv: "district,arrivalMinutes,acceptanceMinutes\n*,30,5\n如东县,60,10\n")
        #expect(policy.deadlines(for: "如东县") == RescueDeadlines(acceptanceMinutes: 10, arrivalMinutes: 60))
        #expect(policy.deadlines(for: "崇川区") == .standard)
        let rural = order(policy.deadlines(for: "如东县"))
        #expect(!rural.applyingDeadlines(now: at(60)).late && rural.applyingDeadlines(now: at(60).addingTimeInterval(1)).late)
        #expect(RescuePolicy().deadlines(for: "崇川区") == RescueDeadlines(acceptanceMinutes: 5, arrivalMinutes: 30))
        #expect(throws: DirectoryError.self) { try RescuePolicy(csv: "崇川区,0,5") }
        #expect(throws: DirectoryError.self) { try RescuePolicy(csv: "崇川区,30,31") }
        #expect(throws: DirectoryError.self) { try RescuePolicy(csv: "崇川区,thirty") }
        #expect(throws: DirectoryError.self) { try RescuePolicy(csv: "崇川区,30\n崇川区,20") }
    }

    @Test func whatAnArrivalScanProves() {
        let other = NNumber(value: 618)!
        func check(_ outcome: VerificationOutcome, _ scanned: NNumber?) -> ArrivalCheck? {
            ArrivalCheck.judge(LabelVerification(outcome: outcome, reason: "", chineseReason: "", number: scanned), expected: number)
        }
        #expect(check(.genuine, number) == .verified)
        #expect(check(.genuine, other) == .otherElevator("N000618"))
        #expect(check(.unverified, number) == .typedNumber)
        #expect(check(.unverified, other) == .otherElevator("N000618"))
        #expect(check(.counterfeit, number) == .counterfeit)
        #expect(check(.revoked, number) == .revoked)
        #expect(check(.malformed, nil) == nil)
        #expect(ArrivalCheck.verified.isVerified && !ArrivalCheck.typedNumber.isVerified)
        for value in [ArrivalCheck.verified, .typedNumber, .otherElevator("N000618"), .counterfeit, .revoked] {
            #expect(ArrivalCheck(code: value.code) == value)
        }
    }
}
