import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftStore
import Testing

/// `POST /api/v1/maintenance-records`: every rule of DESIGN.md section 6 at its boundary.
@Suite struct MaintenanceUploadTests {
    /// The field an error answer names.
    /// A JSON object as text with sorted keys, to compare two answers exactly.
    static func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Sendable static func field(_ answer: [String: Any]) -> String? { (answer["error"] as? [String: Any])?["field"] as? String }

    @Test func theEndScanMustBeThirtyMinutesAfterTheStart() async throws {
        let m = try await MaintenanceWorld()
        try await m.app().test(.router) { client in
            let (status, answer) = try await m.upload(client, try m.visit(m.fleet[0], id: "v30", minutes: 30), token: m.workerA)
            #expect(status == .created)
            #expect(answer["status"] as? String == "passed")
            #expect(answer["abnormal"] is NSNull)
            #expect(answer["counted"] as? Bool == true)
            #expect(answer["elevator"] as? String == "N000700")
            #expect(answer["id"] as? Int != nil)

            let (short, error) = try await m.upload(client, try m.visit(m.fleet[1], id: "v29", minutes: 29), token: m.workerA)
            #expect(short == .badRequest)
            let detail = error["error"] as? [String: Any]
            #expect(detail?["field"] as? String == "end.at")
            #expect((detail?["message"] as? String)?.contains("29 minutes") == true)

            // One second short of 30 minutes is still too short.
            let (almost, _) = try await m.upload(client, try m.visit(m.fleet[1], id: "v29b", minutes: 30 - 1.0 / 60), token: m.workerA)
            #expect(almost == .badRequest)
        }
        #expect(try await m.world.database.maintenanceEntries(MaintenanceFilter(workerLogin: "W0101")).count == 2, "the fixture's and v30")
    }

    @Test func anUploadMoreThanEightHoursAfterTheEndIsLate() async throws {
        let m = try await MaintenanceWorld()
        try await m.app().test(.router) { client in
            let (onTime, answer) = try await m.upload(client, try m.visit(m.fleet[0], id: "8h", endedBefore: 8 * 3600), token: m.workerA)
            #expect(onTime == .created)
            #expect(answer["abnormal"] is NSNull)
            #expect(answer["counted"] as? Bool == true)

            // Another worker: one worker's visits may not overlap.
            let (late, lateAnswer) = try await m.upload(client, try m.visit(m.fleet[1], id: "8h1m", endedBefore: 8 * 3600 + 60), token: m.workerA2)
            #expect(late == .created)
            #expect(lateAnswer["status"] as? String == "passed")
            #expect(lateAnswer["abnormal"] as? String == "late-upload")
            #expect(lateAnswer["counted"] as? Bool == false)
        }
        // The late one does not count: its elevator still has no record.
        let late = try #require(try m.world.database.factsNow(for: m.fleet[1]))
        #expect(late.status(on: TestWorld.today) == .noRecord)
        let onTime = try #require(try m.world.database.factsNow(for: m.fleet[0]))
        #expect(onTime.status(on: TestWorld.today) == .current)
    }

    @Test func theNinthElevatorOfAShanghaiDayIsOverQuotaUntilMidnightAt1600UTC() async throws {
        // 2026-11-24 in Shanghai runs from 2026-11-23T16:00Z to 2026-11-24T16:00Z.
        let day = ShanghaiTime.startOfDay(TestWorld.today.adding(days: -1))
        let m = try await MaintenanceWorld(now: day.addingTimeInterval(8 * 3600))
        try await m.app().test(.router) { client in
            for index in 0..<8 {
                m.clock.set(day.addingTimeInterval(TimeInterval(8 + index) * 3600))
                let (status, answer) = try await m.upload(client, try m.visit(m.fleet[index], id: "q\(index)"), token: m.workerA)
                #expect(status == .created)
                #expect(answer["abnormal"] is NSNull, "elevator \(index + 1) of the day is within the quota")
            }
            // Another worker's uploads use none of W0101's quota.
            let (other, otherAnswer) = try await m.upload(client, try m.visit(m.fleet[8], id: "o1"), token: m.workerA2)
            #expect(other == .created)
            #expect(otherAnswer["abnormal"] is NSNull)

            // 23:59:59 in Shanghai, 15:59:59 UTC: still the same day, the 9th elevator.
            m.clock.set(ISO8601DateFormatter().date(from: "2026-11-24T15:59:59Z")!)
            // (That visit ended an hour before, so the next one, a second later, does not overlap it.)
            let (ninth, ninthAnswer) = try await m.upload(client, try m.visit(m.fleet[8], id: "q8", endedBefore: 3600), token: m.workerA)
            #expect(ninth == .created)
            #expect(ninthAnswer["abnormal"] as? String == "over-quota")
            #expect(ninthAnswer["status"] as? String == "passed")
            #expect(ninthAnswer["counted"] as? Bool == false)

            // 16:00:00 UTC is midnight in Shanghai: a new day and a new quota.
            m.clock.set(ISO8601DateFormatter().date(from: "2026-11-24T16:00:00Z")!)
            let (next, nextAnswer) = try await m.upload(client, try m.visit(m.fleet[9], id: "q9"), token: m.workerA)
            #expect(next == .created)
            #expect(nextAnswer["abnormal"] is NSNull)
            #expect(nextAnswer["counted"] as? Bool == true)
        }
    }

    @Test func twoConcurrentUploadsAreNeverBothTheEighth() async throws {
        let m = try await MaintenanceWorld()
        try await m.app().test(.router) { client in
            // Back-to-back half-hour visits: one worker's visits may not overlap.
            for index in 0..<7 {
                let (status, _) = try await m.upload(client, try m.visit(m.fleet[index], id: "s\(index)", minutes: 30, endedBefore: m.slot(index)), token: m.workerA)
                #expect(status == .created)
            }
            let bodies = try (7..<10).map { try m.visit(m.fleet[$0], id: "c\($0)", minutes: 30, endedBefore: m.slot($0)) }
            let abnormal = try await withThrowingTaskGroup(of: String.self) { group in
                for body in bodies {
                    group.addTask {
                        let (_, answer) = try await m.upload(client, body, token: m.workerA)
                        return answer["abnormal"] as? String ?? "none"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(abnormal.sorted() == ["none", "over-quota", "over-quota"], "exactly one of them is the 8th")
        }
    }

    @Test func aRetryGetsTheFirstAnswerAndUsesNoQuota() async throws {
        let m = try await MaintenanceWorld()
        try await m.app().test(.router) { client in
            let body = try m.visit(m.fleet[0], id: "phone-1", minutes: 30, endedBefore: m.slot(0))
            let (first, answer) = try await m.upload(client, body, token: m.workerA)
            #expect(first == .created)
            m.clock.set(m.clock.now.addingTimeInterval(120))
            for _ in 0..<3 {
                let (again, retried) = try await m.upload(client, body, token: m.workerA)
                #expect(again == .created)
                #expect(try Self.canonical(retried) == Self.canonical(answer), "the same answer")
            }
            // Seven more elevators: the retries used no quota, so the 8th distinct one is normal.
            for index in 1..<8 {
                let (_, answer) = try await m.upload(
                    client, try m.visit(m.fleet[index], id: "phone-\(index + 1)", minutes: 30, endedBefore: m.slot(index) + 120), token: m.workerA)
                #expect(answer["abnormal"] is NSNull)
            }
            let (_, late) = try await m.upload(client, body, token: m.workerA)
            #expect(try Self.canonical(late) == Self.canonical(answer), "still the first answer")
            let (_, ninth) = try await m.upload(client, try m.visit(m.fleet[8], id: "phone-9", minutes: 30, endedBefore: m.slot(8) + 120), token: m.workerA)
            #expect(ninth["abnormal"] as? String == "over-quota")

            // The same id for another visit is refused, not silently answered.
            let (conflict, error) = try await m.upload(client, try m.visit(m.fleet[9], id: "phone-1"), token: m.workerA)
            #expect(conflict == .conflict)
            #expect((error["error"] as? [String: Any])?["field"] as? String == "id")
            // Ids are per worker: another worker may use the same one.
            let (other, _) = try await m.upload(client, try m.visit(m.fleet[9], id: "phone-1"), token: m.workerA2)
            #expect(other == .created)
        }
        let mine = try await m.world.database.maintenanceEntries(MaintenanceFilter(workerLogin: "W0101"))
        #expect(mine.filter { $0.record.clientID == "phone-1" }.count == 1)
        #expect(mine.count == 10, "the fixture's record and nine uploads")
    }

    @Test func howTheScansVerifiedDecidesTheStatus() async throws {
        let m = try await MaintenanceWorld()
        let end = m.clock.now.addingTimeInterval(-600)
        let start = end.addingTimeInterval(-45 * 60)
        try await m.app().test(.router) { client in
            // A typed number: 审核中, not counted until a regulator passes it.
            let typed = try MaintenanceWorld.body(
                id: "typed", start: MaintenanceWorld.typed(m.fleet[0], at: start), end: try m.scan(m.fleet[0], at: end))
            let (status, answer) = try await m.upload(client, typed, token: m.workerA)
            #expect(status == .created)
            #expect(answer["status"] as? String == "reviewing")
            #expect(answer["verification"] as? String == "unverified")
            #expect(answer["counted"] as? Bool == false)

            // A counterfeit code: 无效 (an hour earlier: one worker's visits may not overlap).
            let counterfeit = try MaintenanceWorld.body(
                id: "fake", start: ["code": TestWorld.base + "/E/" + (try m.world.counterfeitPath()), "at": MaintenanceWorld.iso(start.addingTimeInterval(-3600))],
                end: try m.scan(m.world.current, at: end.addingTimeInterval(-3600)))
            let (fakeStatus, fake) = try await m.upload(client, counterfeit, token: m.workerA)
            #expect(fakeStatus == .created)
            #expect(fake["status"] as? String == "invalid")
            #expect(fake["verification"] as? String == "counterfeit")
            #expect(fake["counted"] as? Bool == false)

            // A revoked label (N006109-1 was replaced by serial 2): 无效; the new label passes.
            let revoked = try MaintenanceWorld.body(
                id: "old-label", start: try m.scan(m.world.overdue, serial: 1, at: start), end: try m.scan(m.world.overdue, serial: 2, at: end))
            let (revokedStatus, old) = try await m.upload(client, revoked, token: m.workerB)
            #expect(revokedStatus == .created)
            #expect(old["status"] as? String == "invalid")
            #expect(old["verification"] as? String == "revoked")
        }
        // None of them counted: N006109 is still overdue.
        let overdue = try #require(try m.world.database.factsNow(for: m.world.overdue))
        #expect(overdue.status(on: TestWorld.today) == .overdue)
        #expect(try #require(try m.world.database.factsNow(for: m.fleet[0])).status(on: TestWorld.today) == .noRecord)
    }

    @Test func badInputIsRefusedNamingTheField() async throws {
        let m = try await MaintenanceWorld()
        let end = m.clock.now.addingTimeInterval(-600)
        let start = end.addingTimeInterval(-45 * 60)
        try await m.app().test(.router) { client in
            let (notJSON, _) = try await m.upload(client, ByteBuffer(string: "{not json"), token: m.workerA)
            #expect(notJSON == .badRequest)

            let noType = ByteBuffer(string: #"{"id": "x", "start": {"number": "N000700", "at": "2026-11-25T09:00:00+08:00"}, "end": {"number": "N000700", "at": "2026-11-25T09:40:00+08:00"}}"#)
            let (missing, missingAnswer) = try await m.upload(client, noType, token: m.workerA)
            #expect(missing == .badRequest)
            #expect(Self.field(missingAnswer) == "type")

            let noEndTime = ByteBuffer(string: #"{"id": "x", "type": "yearly", "start": {"number": "N000700", "at": "2026-11-25T09:00:00+08:00"}, "end": {"number": "N000700"}}"#)
            #expect(Self.field(try await m.upload(client, noEndTime, token: m.workerA).1) == "end.at")

            let monthly = try MaintenanceWorld.body(id: "x", type: "monthly", start: try m.scan(m.fleet[0], at: start), end: try m.scan(m.fleet[0], at: end))
            let (unknownType, typeAnswer) = try await m.upload(client, monthly, token: m.workerA)
            #expect(unknownType == .badRequest)
            #expect(Self.field(typeAnswer) == "type")

            let badTime = try MaintenanceWorld.body(
                id: "x", start: ["code": try m.world.code(m.fleet[0]), "at": "yesterday 9am"], end: try m.scan(m.fleet[0], at: end))
            #expect(Self.field(try await m.upload(client, badTime, token: m.workerA).1) == "start.at")

            let noZone = try MaintenanceWorld.body(
                id: "x", start: ["code": try m.world.code(m.fleet[0]), "at": "2026-11-25T09:00:00"], end: try m.scan(m.fleet[0], at: end))
            #expect(Self.field(try await m.upload(client, noZone, token: m.workerA).1) == "start.at")

            let future = try MaintenanceWorld.body(
                id: "x", start: try m.scan(m.fleet[0], at: start), end: try m.scan(m.fleet[0], at: m.clock.now.addingTimeInterval(3600)))
            #expect(Self.field(try await m.upload(client, future, token: m.workerA).1) == "end.at")

            let both = try MaintenanceWorld.body(
                id: "x", start: ["code": try m.world.code(m.fleet[0]), "number": "N000700", "at": MaintenanceWorld.iso(start)],
                end: try m.scan(m.fleet[0], at: end))
            #expect(Self.field(try await m.upload(client, both, token: m.workerA).1) == "start")

            let garbage = try MaintenanceWorld.body(
                id: "x", start: ["code": "HTTP://ELSEWHERE/NOT-A-LABEL", "at": MaintenanceWorld.iso(start)], end: try m.scan(m.fleet[0], at: end))
            #expect(Self.field(try await m.upload(client, garbage, token: m.workerA).1) == "start.code")

            // A NUL cuts a text short in SQLite and is refused by PostgreSQL: refused here, on both.
            for remarks in ["x\u{0}y", "a\u{202E}b", "bell\u{7}"] {
                let control = try MaintenanceWorld.body(
                    id: "x", start: try m.scan(m.fleet[0], at: start), end: try m.scan(m.fleet[0], at: end), remarks: remarks)
                let (status, answer) = try await m.upload(client, control, token: m.workerA)
                #expect(status == .badRequest && Self.field(answer) == "remarks")
            }

            let twoElevators = try MaintenanceWorld.body(id: "x", start: try m.scan(m.fleet[0], at: start), end: try m.scan(m.fleet[1], at: end))
            let (mixed, mixedAnswer) = try await m.upload(client, twoElevators, token: m.workerA)
            #expect(mixed == .badRequest)
            #expect(Self.field(mixedAnswer) == "end")

            let badID = try MaintenanceWorld.body(id: "", start: try m.scan(m.fleet[0], at: start), end: try m.scan(m.fleet[0], at: end))
            #expect(Self.field(try await m.upload(client, badID, token: m.workerA).1) == "id")

            // A genuine label of an unregistered number: 404.
            let unregistered = try MaintenanceWorld.body(
                id: "x", start: try m.scan(m.world.unregistered, at: start), end: try m.scan(m.world.unregistered, at: end))
            #expect(try await m.upload(client, unregistered, token: m.workerA).0 == .notFound)

            // Unit B's elevator uploaded by unit A's worker: 403.
            let foreign = try MaintenanceWorld.body(
                id: "x", start: try m.scan(m.world.overdue, serial: 2, at: start), end: try m.scan(m.world.overdue, serial: 2, at: end))
            let (forbidden, forbiddenAnswer) = try await m.upload(client, foreign, token: m.workerA)
            #expect(forbidden == .forbidden)
            #expect((forbiddenAnswer["error"] as? [String: Any])?["code"] as? String == "forbidden")

            // Only workers upload; no token is 401.
            let visit = try m.visit(m.fleet[0], id: "x")
            #expect(try await m.upload(client, visit, token: m.maintainerA).0 == .forbidden)
            try await client.execute(uri: "/api/v1/maintenance-records", method: .post, headers: [.contentType: "application/json"], body: visit) {
                #expect($0.status == .unauthorized)
            }
        }
        #expect(try await m.world.database.maintenanceEntries(MaintenanceFilter(workerLogin: "W0101")).count == 1, "only the fixture's record")
    }
}
