import Foundation
import Testing

@testable import LiftCore

@Suite struct MaintenanceRulesTests {
    let start = ShanghaiTime.parseLocal("2017-10-13 13:53")!

    @Test func endScanAtLeastThirtyMinutesAfterStart() throws {
        try MaintenanceRules.checkScans(start: start, end: start.addingTimeInterval(30 * 60))
        #expect(throws: MaintenanceRuleError.tooShort(minutes: 29)) {
            try MaintenanceRules.checkScans(start: start, end: start.addingTimeInterval(29 * 60))
        }
        #expect(throws: MaintenanceRuleError.self) {
            try MaintenanceRules.checkScans(start: start, end: start.addingTimeInterval(30 * 60 - 1))
        }
    }

    @Test func uploadWithinEightHoursIsOnTime() {
        let end = start.addingTimeInterval(40 * 60)
        #expect(!MaintenanceRules.isLate(end: end, uploadedAt: end.addingTimeInterval(8 * 3600)))
        #expect(MaintenanceRules.isLate(end: end, uploadedAt: end.addingTimeInterval(8 * 3600 + 60)))
        #expect(MaintenanceRules.abnormal(end: end, uploadedAt: end.addingTimeInterval(8 * 3600 + 60), elevatorsBefore: 0) == .lateUpload)
    }

    @Test func ninthElevatorOfTheDayIsOverQuota() {
        let end = start.addingTimeInterval(40 * 60)
        // The 8th elevator has 7 before it; the 9th has 8.
        #expect(MaintenanceRules.abnormal(end: end, uploadedAt: end, elevatorsBefore: 7) == nil)
        #expect(MaintenanceRules.abnormal(end: end, uploadedAt: end, elevatorsBefore: 8) == .overQuota)
        #expect(MaintenanceRules.abnormal(end: end, uploadedAt: end, elevatorsBefore: 12) == .overQuota)
    }

    @Test func statusFollowsHowScansWereVerified() {
        #expect(MaintenanceRules.initialStatus(start: .genuine, end: .genuine) == .passed)
        #expect(MaintenanceRules.initialStatus(start: .unverified, end: .genuine) == .reviewing)
        #expect(MaintenanceRules.initialStatus(start: .genuine, end: .counterfeit) == .invalid)
        #expect(MaintenanceRules.initialStatus(start: .revoked, end: .unverified) == .invalid)
    }

    @Test func onlyPassedNormalRecordsCount() {
        #expect(MaintenanceRules.counts(status: .passed, abnormal: nil))
        #expect(!MaintenanceRules.counts(status: .passed, abnormal: .lateUpload))
        #expect(!MaintenanceRules.counts(status: .passed, abnormal: .overQuota))
        #expect(!MaintenanceRules.counts(status: .reviewing, abnormal: nil))
        #expect(!MaintenanceRules.counts(status: .invalid, abnormal: nil))
        #expect(!MaintenanceRules.counts(status: .needsData, abnormal: nil))
    }

    @Test func namesReadBothWays() {
        #expect(MaintenanceType(codeOrName: "半月保") == .halfMonth)
        #expect(MaintenanceType(codeOrName: "half-month") == .halfMonth)
        #expect(AbnormalType(codeOrName: "超时上传") == .lateUpload)
        #expect(ReviewStatus(codeOrName: "通过") == .passed)
        #expect(ReviewStatus.needsData.chineseName == "补数据")
    }
}

@Suite struct MaintenanceStatusTests {
    let day = CivilDate(year: 2026, month: 11, day: 1)!

    @Test func exactlyFifteenDaysIsStillCurrent() {
        var history = MaintenanceHistory()
        history.record(.halfMonth, on: day)
        history.record(.quarterly, on: day)
        history.record(.halfYear, on: day)
        history.record(.yearly, on: day)
        #expect(history.status(on: day.adding(days: 15), isStopped: false) == .current)
        #expect(history.status(on: day.adding(days: 16), isStopped: false) == .overdue)
        #expect(history.dueDay(of: .halfMonth) == day.adding(days: 15))
    }

    @Test func stoppedIsNeverOverdue() {
        var history = MaintenanceHistory()
        history.record(.halfMonth, on: day)
        #expect(history.status(on: day.adding(days: 400), isStopped: true) == .stopped)
        #expect(MaintenanceHistory().status(on: day, isStopped: true) == .stopped)
    }

    @Test func noRecordUntilTheFirstCountedOne() {
        #expect(MaintenanceHistory().status(on: day, isStopped: false) == .noRecord)
    }

    @Test func otherTypesHaveTheirOwnIntervals() {
        var history = MaintenanceHistory()
        history.record(.quarterly, on: day)
        // Half-monthly visits keep coming, but no quarterly one after day: overdue on day 91.
        for offset in stride(from: 14, through: 98, by: 14) { history.record(.halfMonth, on: day.adding(days: offset)) }
        #expect(history.status(on: day.adding(days: 90), isStopped: false) == .current)
        #expect(history.status(on: day.adding(days: 91), isStopped: false) == .overdue)
    }

    @Test func aThoroughVisitCountsForTheLighterTypes() {
        var history = MaintenanceHistory()
        history.record(.yearly, on: day)
        #expect(history.lastSatisfying(.halfMonth) == day)
        #expect(history.status(on: day.adding(days: 15), isStopped: false) == .current)
        #expect(history.status(on: day.adding(days: 16), isStopped: false) == .overdue)
    }

    @Test func recordingOutOfOrderKeepsTheLatestAndFirst() {
        var history = MaintenanceHistory()
        history.record(.halfMonth, on: day)
        history.record(.halfMonth, on: day.adding(days: -10))
        #expect(history.lastCounted[.halfMonth] == day)
        #expect(history.firstCounted == day.adding(days: -10))
    }
}
