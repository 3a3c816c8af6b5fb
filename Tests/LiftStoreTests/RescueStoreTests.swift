import Foundation
import GRDB
import LiftCore
import Testing

@testable import LiftStore

/// Rescue orders in the database: a trapped report opens and dispatches one in the complaint's own
/// transaction, more reports join it, deadlines escalate through the outbox, and the bulletin's
/// raw facts are counted right.
@Suite struct RescueStoreTests {
    static let unitA = "甲电梯工程有限公司"
    static let unitB = "乙电梯服务有限公司"
    static let noon = ShanghaiTime.startOfDay(CivilDate(year: 2026, month: 11, day: 25)!).addingTimeInterval(12 * 3600)

    func world() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try await database.upsert([
            Elevator(number: NNumber(value: 614)!, address: "崇川区文峰街道紫东花苑", district: "崇川区", street: "文峰街道", userUnit: "坤园物业", maintenanceUnit: Self.unitA),
            Elevator(number: NNumber(value: 615)!, address: "崇川区文峰街道紫东花苑2号", district: "崇川区", maintenanceUnit: Self.unitA),
            Elevator(number: NNumber(value: 616)!, address: "崇川区停用梯", district: "崇川区", maintenanceUnit: Self.unitA, isStopped: true),
            Elevator(number: NNumber(value: 700)!, address: "崇川区乙梯", district: "崇川区", maintenanceUnit: Self.unitB),
            Elevator(number: NNumber(value: 100_001)!, address: "港闸区某梯", district: "港闸区", maintenanceUnit: Self.unitA),
        ])
        try database.saveUnit(Organization(name: Self.unitA, kind: .maintenance, webhookURL: "https://a.example.cn/hook"))
        return database
    }

    func outbox(_ database: AppDatabase) throws -> [Row] {
        try database.reader.read { db in try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id") }
    }

    @Test func aTrappedReportOpensAndDispatchesARescueInTheSameTransaction() async throws {
        let database = try await world()
        let complaint = try await database.file(
            ComplaintFiling(
                draft: ComplaintDraft(category: .alarm, problem: .trapped, phone: "13912345678"), number: NNumber(value: 614)!, label: nil,
                verification: .genuine, receivedAt: Self.noon))
        let id = try #require(complaint.rescueID)
        #expect(complaint.rescue?.state == .dispatched)
        let order = try #require(try await database.rescue(id: id))
        #expect(order.state == .dispatched && order.maintenanceUnit == Self.unitA && order.userUnit == "坤园物业")
        #expect(order.acceptBy == Self.noon.addingTimeInterval(300) && order.arriveBy == Self.noon.addingTimeInterval(1800))
        #expect(order.callerPhone == "13912345678" && order.reportVerification == .genuine)
        #expect(order.events.map(\.kind) == [.reported, .dispatched])

        // Two deliveries to the unit: the complaint and the rescue, each keyed by its public id.
        let rows = try outbox(database)
        #expect(rows.count == 2)
        let rescueRow = try #require(rows.first { ($0["rescueId"] as String?) == id })
        #expect(rescueRow["idempotencyKey"] as String? == id && rescueRow["url"] as String == "https://a.example.cn/hook")
        let payload: String = rescueRow["payload"]
        #expect(payload.contains("\"event\":\"rescue-dispatched\"") && payload.contains("\"elevator\":\"N000614\""))
        #expect(!payload.contains(complaint.ticket), "the reporter's ticket never leaves")
        let due = try await database.dueDeliveries(at: Self.noon, limit: 10)
        #expect(Set(due.map(\.complaintID)) == [complaint.publicID, id])

        // A second passenger's report joins the open order instead of dispatching again.
        let second = try await database.file(
            ComplaintFiling(
                draft: ComplaintDraft(category: .complaint, problem: .trapped), number: NNumber(value: 614)!, label: nil,
                verification: .unverified, receivedAt: Self.noon.addingTimeInterval(60)))
        #expect(second.rescueID == id)
        let joined = try #require(try await database.rescue(id: id))
        #expect(joined.reports == 2 && joined.events.last?.kind == .reportAdded)
        #expect(try outbox(database).filter { $0["rescueId"] as String? != nil }.count == 1)

        // The ticket shows where the rescue stands.
        _ = try await database.apply(.accept(rescuer: "陈建章", phone: "13912345678"), to: id, by: "test", at: Self.noon.addingTimeInterval(120))
        let followed = try #require(try await database.complaint(ticket: complaint.ticket))
        #expect(followed.rescue?.state == .accepted && followed.rescue?.acceptedAt == Self.noon.addingTimeInterval(120))

        // Once released, a new report opens a new order.
        _ = try await database.apply(.arrive(.verified), to: id, by: "test", at: Self.noon.addingTimeInterval(600))
        _ = try await database.apply(.release, to: id, by: "test", at: Self.noon.addingTimeInterval(900))
        let later = try await database.openRescue(
            RescueFiling(number: NNumber(value: 614)!, source: .phone, verification: .unverified, receivedAt: Self.noon.addingTimeInterval(3600)))
        #expect(later.id != id && later.state == .dispatched)
    }

    @Test func aComplaintThatIsNotTrappedOpensNoRescue() async throws {
        let database = try await world()
        let complaint = try await database.file(
            ComplaintFiling(
                draft: ComplaintDraft(category: .alarm, problem: .shaking), number: NNumber(value: 614)!, label: nil, verification: .genuine,
                receivedAt: Self.noon))
        #expect(complaint.rescueID == nil && complaint.rescue == nil)
        #expect(try await database.rescues(RescueFilter()).isEmpty)
    }

    @Test func actionsFollowTheRulesAndUnknownOrdersAreSaid() async throws {
        let database = try await world()
        let order = try await database.openRescue(
            RescueFiling(number: NNumber(value: 700)!, source: .phone, verification: .unverified, receivedAt: Self.noon))
        await #expect(throws: RescueStoreError.self) { try await database.apply(.release, to: order.id, by: "t", at: Self.noon) }
        await #expect(throws: RescueStoreError.unknownRescue("RNOPE")) { try await database.apply(.release, to: "RNOPE", by: "t", at: Self.noon) }
        await #expect(throws: RescueStoreError.unknownElevator(NNumber(value: 999)!)) {
            try await database.openRescue(RescueFiling(number: NNumber(value: 999)!, source: .phone, verification: .unverified, receivedAt: Self.noon))
        }
        let unchanged = try #require(try await database.rescue(id: order.id))
        #expect(unchanged.state == .dispatched && unchanged.events.count == 2)
    }

    @Test func deadlinesEscalateThroughTheOutboxAndMarkLate() async throws {
        var configured = try await world()
        configured.rescuePolicy = try RescuePolicy(csv: "district,arrivalMinutes,acceptanceMinutes\n崇川区,20,3\n")
        let database = configured
        try await database.setRegulatorWebhook(district: "崇川区", url: "https://scjg.example.cn/escalations")
        let order = try await database.openRescue(
            RescueFiling(number: NNumber(value: 700)!, source: .phone, verification: .unverified, receivedAt: Self.noon))
        #expect(order.deadlines == RescueDeadlines(acceptanceMinutes: 3, arrivalMinutes: 20))

        #expect(try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(180)) == RescueDeadlineReport())
        let escalation = try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(181))
        #expect(escalation == RescueDeadlineReport(escalated: [order.id]))
        #expect(try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(600)) == RescueDeadlineReport(), "once only")
        let rows = try outbox(database).filter { $0["idempotencyKey"] as String? == "\(order.id)-escalated" }
        #expect(rows.count == 1 && rows[0]["url"] as String == "https://scjg.example.cn/escalations")
        #expect((rows[0]["payload"] as String).contains("\"event\":\"rescue-escalated\""))

        #expect(try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(1200)) == RescueDeadlineReport())
        #expect(try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(1201)) == RescueDeadlineReport(markedLate: [order.id]))
        let late = try #require(try await database.rescue(id: order.id))
        #expect(late.isLate && late.isEscalated && late.events.map(\.kind) == [.reported, .dispatched, .escalated, .late])
        #expect(try await database.rescues(RescueFilter(lateOnly: true)).map(\.id) == [order.id])
        #expect(try await database.rescues(RescueFilter(maintenanceUnit: Self.unitA)).isEmpty)

        // A district without a regulator webhook is escalated and marked all the same.
        let other = try await database.openRescue(
            RescueFiling(number: NNumber(value: 100_001)!, source: .phone, verification: .unverified, receivedAt: Self.noon))
        #expect(try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(301)).escalated == [other.id])
        #expect(try outbox(database).filter { ($0["idempotencyKey"] as String?)?.hasSuffix("-escalated") == true }.count == 1)
    }

    /// An elevator with no maintenance unit: the order stays reported, nobody can accept it, and
    /// the acceptance deadline sends it to the regulator.
    @Test func anOrderNobodyCanTakeIsEscalated() async throws {
        let database = try await world()
        _ = try await database.upsert([Elevator(number: NNumber(value: 800)!, address: "崇川区无维保单位梯", district: "崇川区")])
        let order = try await database.openRescue(
            RescueFiling(number: NNumber(value: 800)!, source: .phone, verification: .unverified, receivedAt: Self.noon))
        #expect(order.state == .reported && order.maintenanceUnit == nil && order.dispatchedAt == nil)
        #expect(try outbox(database).isEmpty)
        #expect(try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(301)).escalated == [order.id])
        let cancelled = try await database.apply(.cancel(reason: "物业已放出乘客"), to: order.id, by: "96333", at: Self.noon.addingTimeInterval(600))
        #expect(cancelled.state == .cancelled && cancelled.isEscalated)
        #expect(try await database.checkRescueDeadlines(now: Self.noon.addingTimeInterval(3600)) == RescueDeadlineReport(), "a cancelled order is not watched")
    }

    /// The raw facts the bulletin is computed from, counted by the database.
    @Test func bulletinFactsFromTheDatabase() async throws {
        let database = try await world()
        let month = CivilMonth(year: 2026, month: 11)!
        func day(_ d: Int, month m: Int = 11) -> Date { ShanghaiTime.startOfDay(CivilDate(year: 2026, month: m, day: d)!).addingTimeInterval(9 * 3600) }
        func record(_ number: Int, _ at: Date, unit: String = Self.unitA, abnormal: AbnormalType? = nil) -> MaintenanceRecord {
            MaintenanceRecord(
                number: NNumber(value: number)!, type: .halfMonth, startedAt: at, endedAt: at.addingTimeInterval(2700), uploadedAt: at.addingTimeInterval(3000),
                workerLogin: "W1", workerName: "甲", maintenanceUnit: unit, status: .passed, abnormal: abnormal)
        }
        _ = try database.insertMaintenanceRecords([
            record(614, day(2)), record(614, day(12)), record(614, day(20)),  // three, two count toward the due visits
            record(615, day(2)), record(615, day(10), abnormal: .lateUpload),  // overdue on the 30th
            record(616, day(5)),  // stopped: no visits due
            record(614, day(20, month: 10)),  // last month
            record(100_001, day(3)),  // another district
        ])
        _ = try await database.issue(BatchRequest(
            district: District(digit: 0, name: "崇川区"), selection: .numbers([NNumber(value: 614)!, NNumber(value: 700)!], replace: false),
            keyID: "K1", baseURL: "HTTP://T", layout: "a4", createdAt: day(1)))
        let complaint = try await database.file(
            ComplaintFiling(draft: ComplaintDraft(category: .complaint, problem: .noise), number: NNumber(value: 614)!, label: nil, verification: .genuine, receivedAt: day(4)))
        _ = try await database.resolve(ticket: complaint.ticket, resolution: "已处理", by: "甲", at: day(4).addingTimeInterval(5400))
        let rescue = try await database.openRescue(RescueFiling(number: NNumber(value: 614)!, source: .phone, verification: .unverified, receivedAt: day(6)))
        _ = try await database.openRescue(RescueFiling(number: NNumber(value: 700)!, source: .phone, verification: .unverified, receivedAt: day(1, month: 12)))

        let facts = try await database.bulletinFacts(district: "崇川区", month: month, asOf: day(1, month: 12))
        #expect(facts.measuredOn == month.lastDay)
        #expect(facts.rescues.map(\.id) == [rescue.id])
        let a = try #require(facts.units.first { $0.unit == Self.unitA })
        #expect(a.elevators == 3 && a.inService == 2 && a.labelled == 1)
        #expect(a.countedVisits == 3, "614: two of three; 615: one (the abnormal one does not count); 616 is stopped")
        #expect(a.overdue == 1 && a.records == 6 && a.abnormalRecords == 1)
        let b = try #require(facts.units.first { $0.unit == Self.unitB })
        #expect(b.elevators == 1 && b.inService == 1 && b.labelled == 1 && b.countedVisits == 0 && b.overdue == 0 && b.records == 0)
        #expect(facts.complaints == [BulletinComplaint(unit: Self.unitA, filedAt: day(4), resolvedAt: day(4).addingTimeInterval(5400))])

        let bulletin = MonthlyBulletin(facts)
        #expect(bulletin.figures.labelCoverage == 0.5 && bulletin.figures.visitsDue == 6 && bulletin.figures.scanRate == 0.5)
        #expect(bulletin.figures.averageResolutionHours == 1.5)
    }
}
