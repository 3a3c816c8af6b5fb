import Foundation
import LiftCore
import Testing

/// The rules every store applies when it files a complaint or imports the registry (one copy, in
/// LiftCore, called by the SQLite and the PostgreSQL stores).
@Suite struct StoreRulesTests {
    let contacts = ComplaintRouting.ElevatorContacts(
        district: "鼓楼区", maintenanceUnit: "福州快捷电梯维保", workerLogin: "w-lin", workerName: "林师傅",
        webhookURL: "https://unit.example/hook")

    func filing(_ verification: VerificationOutcome, problem: ComplaintProblem? = .noise) throws -> ComplaintFiling {
        ComplaintFiling(
            draft: ComplaintDraft(category: .complaint, problem: problem, text: "异响", phone: "13800000000"),
            number: try NNumber(parsing: "N006109"), label: nil, verification: verification,
            receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test func aGenuineLabelsComplaintGoesToTheMaintenanceUnitItsWorkerAndItsWebhook() throws {
        let routing = ComplaintRouting(try filing(.genuine), contacts: contacts)
        #expect(routing.state == .routed)
        #expect(routing.routedTo == "福州快捷电梯维保")
        #expect(routing.routedWorker == "w-lin")
        #expect(routing.webhookURL == "https://unit.example/hook")
        #expect(routing.events.map(\.state) == [.received, .routed])
        #expect(routing.events.last?.note == "福州快捷电梯维保 · 林师傅")
    }

    @Test func aCounterfeitLabelsComplaintGoesToTheRegulatorAndNamesNoWorker() throws {
        let routing = ComplaintRouting(try filing(.counterfeit), contacts: contacts)
        #expect(routing.routedTo == "鼓楼区市场监督管理局")
        #expect(routing.routedWorker == nil)
        #expect(routing.webhookURL == nil)
        #expect(routing.events.last?.note == "鼓楼区市场监督管理局")
    }

    @Test func aComplaintNobodyMaintainsStaysReceived() throws {
        var orphan = contacts
        orphan.maintenanceUnit = nil
        let routing = ComplaintRouting(try filing(.genuine), contacts: orphan)
        #expect(routing.state == .received)
        #expect(routing.events.map(\.state) == [.received])
        let complaint = routing.complaint(try filing(.genuine), ticket: "t", publicID: "p", elevatorIsClassified: true)
        #expect(complaint.state == .received && complaint.routedTo == nil && complaint.elevatorIsClassified)
    }

    @Test func onlyPeopleTrappedOpenARescue() throws {
        #expect(try filing(.genuine).rescueFiling == nil)
        let rescue = try #require(try filing(.unverified, problem: .trapped).rescueFiling)
        #expect(rescue.source == .report && rescue.verification == .unverified && rescue.callerPhone == "13800000000")
    }

    @Test func anImportWritesTheDistrictAlwaysAndCountsEachElevatorOnce() throws {
        let number = try NNumber(parsing: "N006109")
        var tally = RegistryImportTally(
            setting: [.address], columnOrder: [.address, .district, .street], knownStreets: ["鼓楼区": ["东街街道"]])
        #expect(tally.writtenFields == [.address, .district])
        #expect(!tally.writes(.street))
        let before = Elevator(number: number, address: "东街1号", district: "鼓楼区", street: "东街街道")
        var after = before
        let sameIsWritten = tally.noteRegistered(after, before: before)
        #expect(!sameIsWritten)
        after.address = "东街2号"
        after.street = "南街街道"  // not written: its change is not reported
        let changedIsWritten = tally.noteRegistered(after, before: before)
        #expect(changedIsWritten)
        tally.noteStreet(of: after)
        tally.noteStreet(of: after)
        tally.noteInserted()
        #expect(tally.report.count == UpsertCount(inserted: 1, updated: 1, unchanged: 1))
        #expect(tally.report.updates.first?.changes == [.init(field: .address, old: "东街1号", new: "东街2号")])
        #expect(tally.report.newStreets == ["鼓楼区": ["南街街道"]])
    }
}
