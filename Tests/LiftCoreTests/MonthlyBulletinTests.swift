import Foundation
import LiftCore
import Testing

/// The bulletin's figures and the units' scores, from a small data set worked out by hand.
@Suite struct MonthlyBulletinTests {
    static let month = CivilMonth(year: 2026, month: 11)!
    static let unitA = "甲电梯工程有限公司"
    static let unitB = "乙电梯服务有限公司"

    /// A rescue reported on 2026-11-10 09:00 + `day` days, arrived after `arrival` minutes.
    static func rescue(
        _ number: Int, unit: String, day: Int, arrival: Double?, check: ArrivalCheck = .verified, cancelled: Bool = false,
        lateByWatch: Bool = false
    ) throws -> RescueOrder {
        let reported = ShanghaiTime.startOfDay(CivilDate(year: 2026, month: 11, day: 10 + day)!).addingTimeInterval(9 * 3600)
        var order = RescueOrder(
            id: "R\(number)-\(day)", number: NNumber(value: number)!, district: "崇川区", maintenanceUnit: nil, userUnit: "物业\(number)",
            address: "地址\(number)", source: .phone, reportVerification: .unverified, reportedAt: reported, deadlines: .standard)
        order = try order.applying(.dispatch(unit: unit), at: reported)
        if cancelled { return try order.applying(.cancel(reason: "误报"), at: reported.addingTimeInterval(60)) }
        order = try order.applying(.accept(rescuer: "某人", phone: nil), at: reported.addingTimeInterval(120))
        if let arrival { order = try order.applying(.arrive(check), at: reported.addingTimeInterval(arrival * 60)) }
        if lateByWatch { order = order.applyingDeadlines(now: reported.addingTimeInterval(31 * 60)).order }
        return order
    }

    static func facts() throws -> BulletinFacts {
        let filed = ShanghaiTime.startOfDay(CivilDate(year: 2026, month: 11, day: 3)!)
        return BulletinFacts(
            district: "崇川区", month: month, measuredOn: month.lastDay,
            rescues: [
                try rescue(614, unit: unitA, day: 0, arrival: 10),
                try rescue(614, unit: unitA, day: 5, arrival: 40, check: .typedNumber),  // late, unverified
                try rescue(615, unit: unitA, day: 6, arrival: nil, cancelled: true),
                try rescue(700, unit: unitB, day: 1, arrival: 20),
                try rescue(701, unit: unitB, day: 2, arrival: nil, lateByWatch: true),
            ],
            units: [
                BulletinUnitCounts(unit: unitA, elevators: 4, inService: 4, labelled: 3, countedVisits: 6, overdue: 1, records: 8, abnormalRecords: 2),
                BulletinUnitCounts(unit: unitB, elevators: 2, inService: 1, labelled: 2, countedVisits: 2, overdue: 0, records: 2, abnormalRecords: 0),
                BulletinUnitCounts(unit: nil, elevators: 1, inService: 1, labelled: 0, countedVisits: 0, overdue: 1, records: 0, abnormalRecords: 0),
            ],
            complaints: [
                BulletinComplaint(unit: unitA, filedAt: filed, resolvedAt: filed.addingTimeInterval(2 * 3600)),
                BulletinComplaint(unit: unitA, filedAt: filed, resolvedAt: filed.addingTimeInterval(4 * 3600)),
                BulletinComplaint(unit: unitB, filedAt: filed, resolvedAt: nil),
                BulletinComplaint(unit: "崇川区市场监督管理局", filedAt: filed, resolvedAt: nil),
            ])
    }

    @Test func districtFigures() throws {
        let bulletin = MonthlyBulletin(try Self.facts())
        let f = bulletin.figures
        #expect(f.rescues == 5 && f.cancelledRescues == 1)
        #expect(f.arrivals == 3 && f.averageArrivalMinutes == 23.33 && f.longestArrivalMinutes == 40)
        #expect(f.lateRescues == 2 && f.unverifiedArrivals == 1 && f.repeatTrapElevators == 1)
        #expect(f.elevators == 7 && f.inService == 6 && f.labelled == 5)
        #expect(abs(f.labelCoverage! - 5.0 / 7) < 1e-9)
        #expect(f.visitsDue == 12 && f.countedVisits == 8 && abs(f.scanRate! - 8.0 / 12) < 1e-9)
        #expect(f.overdue == 2 && abs(f.overdueRate! - 2.0 / 6) < 1e-9)
        #expect(f.maintenanceRecords == 10 && f.abnormalRecords == 2)
        #expect(f.complaints == 4 && f.resolvedComplaints == 2 && f.averageResolutionHours == 3 && f.longestResolutionHours == 4)
        #expect(bulletin.repeatTraps == [RepeatTrap(number: NNumber(value: 614)!, address: "地址614", userUnit: "物业614", maintenanceUnit: Self.unitA, rescues: 2)])
    }

    /// A: 30×(1−1/3) + 10×1/2 + 25×6/8 + 20×(1−1/4) + 5×3/4 + 10×(1−2/8) − 5×1 = 65.0, two stars.
    /// B: 30×(1−1/2) + 10×1 + 25×2/2 + 20×1 + 5×1 + 10×1 = 85.0, four stars.
    @Test func unitsAreRankedByTheDocumentedScore() throws {
        let bulletin = MonthlyBulletin(try Self.facts())
        #expect(bulletin.units.map(\.unit) == [Self.unitB, Self.unitA], "the regulator and the unitless elevators are not ranked")
        let b = bulletin.units[0]
        let a = bulletin.units[1]
        #expect(b.rank == 1 && b.score == 85 && b.stars == 4)
        #expect(a.rank == 2 && a.score == 65 && a.stars == 2)
        #expect(a.figures.rescues == 3 && a.figures.averageArrivalMinutes == 25 && a.figures.lateRescues == 1 && a.figures.repeatTrapElevators == 1)
        #expect(a.figures.complaints == 2 && a.figures.averageResolutionHours == 3)
        #expect(b.figures.rescues == 2 && b.figures.arrivals == 1 && b.figures.lateRescues == 1 && b.figures.complaints == 1)
        #expect(bulletin.scoreFormula.contains("30×救援按时率"))
    }

    @Test func scoresAndStarsAtTheirEdges() {
        #expect(UnitScore.score(BulletinFigures()) == 100, "nothing to divide by: full marks")
        var trapped = BulletinFigures()
        trapped.repeatTrapElevators = 30
        #expect(UnitScore.score(trapped) == 0, "never below zero")
        #expect(UnitScore.stars(90) == 5 && UnitScore.stars(89.9) == 4 && UnitScore.stars(80) == 4 && UnitScore.stars(70) == 3)
        #expect(UnitScore.stars(60) == 2 && UnitScore.stars(59.9) == 1)
    }

    @Test func months() throws {
        let month = try CivilMonth(parsing: "2026-12")
        #expect(month.firstDay == CivilDate(year: 2026, month: 12, day: 1) && month.lastDay == CivilDate(year: 2026, month: 12, day: 31))
        #expect(month.next == CivilMonth(year: 2027, month: 1))
        #expect(month.next.previous == month && month.previous == CivilMonth(year: 2026, month: 11))
        #expect(CivilMonth(year: 1900, month: 1)!.previous == CivilMonth(year: 1900, month: 1), "the first month stays, no crash")
        #expect(month.end == ShanghaiTime.startOfDay(CivilDate(year: 2027, month: 1, day: 1)!))
        #expect(try CivilMonth(parsing: "2028-02").lastDay.day == 29)
        #expect(throws: CivilDateError.self) { try CivilMonth(parsing: "2026-13") }
        #expect(throws: CivilDateError.self) { try CivilMonth(parsing: "2026-11-01") }
        #expect(throws: CivilDateError.self) { try CivilMonth(parsing: "nov") }
    }
}
