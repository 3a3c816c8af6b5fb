import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftStore
import Testing

/// Review, supplement, counting into the elevator's status, and who may see what.
@Suite struct MaintenanceReviewTests {
    func post(_ client: some TestClientProtocol, _ uri: String, token: String, _ json: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .post, headers: .bearer(token), body: ByteBuffer(string: json)) { ($0.status, $0.object) }
    }

    func get(_ client: some TestClientProtocol, _ uri: String, token: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: .bearer(token)) { $0 }
    }

    /// The JSON page of a label, as a phone sees it.
    func page(_ client: some TestClientProtocol, _ path: String) async throws -> [String: Any] {
        try await client.execute(uri: "/E/\(path)", method: .get, headers: .json) { $0.object["elevator"] as? [String: Any] ?? [:] }
    }

    @Test func aPassedReviewCountsAndTheElevatorIsCurrentAgain() async throws {
        let m = try await MaintenanceWorld()
        let overdue = m.world.overdue  // unit B, last maintained 40 days ago
        let label = try m.world.path(overdue, serial: 2)
        let end = m.clock.now.addingTimeInterval(-600)
        try await m.app().test(.router) { client in
            #expect(try await page(client, label)["status"] as? String == "overdue")
            let typed = try MaintenanceWorld.body(
                id: "typed-1", start: MaintenanceWorld.typed(overdue, at: end.addingTimeInterval(-50 * 60)),
                end: MaintenanceWorld.typed(overdue, at: end), remarks: "标签污损，手工输入编号")
            let (status, answer) = try await m.upload(client, typed, token: m.workerB)
            #expect(status == .created)
            #expect(answer["status"] as? String == "reviewing")
            let id = try #require(answer["id"] as? Int)
            #expect(try await page(client, label)["status"] as? String == "overdue", "a record under review does not count")

            // Out of scope: another district, another street, a property manager, the worker.
            for token in [m.otherRegulator, m.otherStreetRegulator, m.property, m.workerB] {
                let (refused, _) = try await post(client, "/api/v1/maintenance-records/\(id)/review", token: token, #"{"status": "passed"}"#)
                #expect(refused == .forbidden)
            }
            let (badDecision, badAnswer) = try await post(client, "/api/v1/maintenance-records/\(id)/review", token: m.regulator, #"{"status": "reviewing"}"#)
            #expect(badDecision == .badRequest)
            #expect((badAnswer["error"] as? [String: Any])?["field"] as? String == "status")

            let (passed, reviewed) = try await post(
                client, "/api/v1/maintenance-records/\(id)/review", token: m.streetRegulator, #"{"status": "passed", "note": "现场照片已核实"}"#)
            #expect(passed == .ok)
            #expect(reviewed["status"] as? String == "passed")
            #expect(reviewed["counted"] as? Bool == true)
            #expect((reviewed["review"] as? [String: Any])?["note"] as? String == "现场照片已核实")

            // Counted in the same transaction: the public page shows it at once.
            let elevator = try await page(client, label)
            #expect(elevator["status"] as? String == "current")
            let last = try #require(elevator["lastMaintenance"] as? [String: Any])
            #expect(last["workerName"] as? String == "季龙龙")
            #expect(last["endedAt"] as? String == ISO8601DateFormatter().string(from: end))
            #expect(elevator["nextHalfMonthDue"] as? String == TestWorld.today.adding(days: 15).description)

            // A decided record cannot be decided again.
            let (again, _) = try await post(client, "/api/v1/maintenance-records/\(id)/review", token: m.regulator, #"{"status": "invalid"}"#)
            #expect(again == .conflict)
            // The retry of the upload still gets its first answer.
            let (_, retried) = try await m.upload(client, typed, token: m.workerB)
            #expect(retried["status"] as? String == "reviewing")
        }
        let facts = try #require(try m.world.database.factsNow(for: overdue))
        #expect(facts.history.lastCounted[.halfMonth] == TestWorld.today)
        #expect(facts.history.dueDay == TestWorld.today.adding(days: 15))
        #expect(facts.status(on: TestWorld.today.adding(days: 15)) == .current)
        #expect(facts.status(on: TestWorld.today.adding(days: 16)) == .overdue)
    }

    @Test func needsDataGoesBackToReviewAfterTheWorkersSupplement() async throws {
        let m = try await MaintenanceWorld()
        let number = m.fleet[0]
        let end = m.clock.now.addingTimeInterval(-600)
        try await m.app().test(.router) { client in
            let typed = try MaintenanceWorld.body(
                id: "typed-2", type: "quarterly", start: MaintenanceWorld.typed(number, at: end.addingTimeInterval(-90 * 60)),
                end: try m.scan(number, at: end))
            let id = try #require(try await m.upload(client, typed, token: m.workerA).1["id"] as? Int)
            let reviewURI = "/api/v1/maintenance-records/\(id)/review"
            let supplementURI = "/api/v1/maintenance-records/\(id)/supplement"

            // needs-data must say what is needed.
            #expect(try await post(client, reviewURI, token: m.regulator, #"{"status": "needs-data"}"#).0 == .badRequest)
            let (asked, askedAnswer) = try await post(client, reviewURI, token: m.regulator, #"{"status": "needs-data", "note": "请补充轿厢照片说明"}"#)
            #expect(asked == .ok)
            #expect(askedAnswer["status"] as? String == "needs-data")
            #expect(askedAnswer["counted"] as? Bool == false)
            // Not reviewing any more, so no decision until the worker answers.
            #expect(try await post(client, reviewURI, token: m.regulator, #"{"status": "passed"}"#).0 == .conflict)

            // Only the record's own worker supplements, and with something.
            #expect(try await post(client, supplementURI, token: m.workerA2, #"{"remarks": "别人的"}"#).0 == .forbidden)
            #expect(try await post(client, supplementURI, token: m.maintainerA, #"{"remarks": "单位"}"#).0 == .forbidden)
            #expect(try await post(client, supplementURI, token: m.workerA, #"{"remarks": "  "}"#).0 == .badRequest)
            let (supplemented, back) = try await post(
                client, supplementURI, token: m.workerA, #"{"remarks": "标签破损，已报更换", "items": ["曳引机", "制动器"]}"#)
            #expect(supplemented == .ok)
            #expect(back["status"] as? String == "reviewing")
            #expect(back["remarks"] as? String == "标签破损，已报更换")
            #expect(back["items"] as? [String] == ["曳引机", "制动器"])
            #expect(back["supplementedAt"] as? String != nil)
            // A second supplement is refused: it is under review again.
            #expect(try await post(client, supplementURI, token: m.workerA, #"{"remarks": "再来"}"#).0 == .conflict)

            let (passed, decided) = try await post(client, reviewURI, token: m.regulator, #"{"status": "passed"}"#)
            #expect(passed == .ok)
            #expect(decided["counted"] as? Bool == true)
        }
        let facts = try #require(try m.world.database.factsNow(for: number))
        #expect(facts.history.lastCounted[.quarterly] == TestWorld.today)
        #expect(facts.status(on: TestWorld.today) == .current)
    }

    @Test func aLateRecordStaysUncountedEvenWhenPassed() async throws {
        let m = try await MaintenanceWorld()
        let number = m.fleet[1]
        let end = m.clock.now.addingTimeInterval(-9 * 3600)
        try await m.app().test(.router) { client in
            let typed = try MaintenanceWorld.body(
                id: "late", start: MaintenanceWorld.typed(number, at: end.addingTimeInterval(-45 * 60)), end: MaintenanceWorld.typed(number, at: end))
            let (_, answer) = try await m.upload(client, typed, token: m.workerA)
            #expect(answer["abnormal"] as? String == "late-upload")
            let id = try #require(answer["id"] as? Int)
            let (_, reviewed) = try await post(client, "/api/v1/maintenance-records/\(id)/review", token: m.regulator, #"{"status": "passed"}"#)
            #expect(reviewed["status"] as? String == "passed")
            #expect(reviewed["counted"] as? Bool == false)
            #expect(try await page(client, try m.world.path(number))["status"] as? String == "no-record")
            // An invalid decision is final too.
            let other = try MaintenanceWorld.body(
                id: "invalid", start: MaintenanceWorld.typed(number, at: m.clock.now.addingTimeInterval(-3600)),
                end: MaintenanceWorld.typed(number, at: m.clock.now.addingTimeInterval(-1200)))
            let otherID = try #require(try await m.upload(client, other, token: m.workerA).1["id"] as? Int)
            let (_, invalid) = try await post(client, "/api/v1/maintenance-records/\(otherID)/review", token: m.regulator, #"{"status": "invalid", "note": "不在现场"}"#)
            #expect(invalid["status"] as? String == "invalid")
            #expect(try await page(client, try m.world.path(number))["status"] as? String == "no-record")
        }
    }

    @Test func eachAccountListsOnlyItsOwnScope() async throws {
        let m = try await MaintenanceWorld()
        try await m.app().test(.router) { client in
            _ = try await m.upload(client, try m.visit(m.fleet[0], id: "a"), token: m.workerA)
            _ = try await m.upload(client, try m.visit(m.fleet[11], id: "b"), token: m.workerA2)  // the other property's elevator
            _ = try await m.upload(client, try m.visit(m.world.overdue, id: "c"), token: m.workerB)

            func elevators(_ token: String, _ query: String = "") async throws -> [String] {
                let response = try await get(client, "/api/v1/maintenance-records\(query)", token: token)
                #expect(response.status == .ok)
                return response.array.compactMap { $0["elevator"] as? String }
            }
            #expect(try await elevators(m.workerA) == ["N000700", "N000614"], "own records, newest first")
            #expect(try await elevators(m.workerA2) == ["N000711"])
            #expect(Set(try await elevators(m.maintainerA)) == ["N000700", "N000711", "N000614"])
            #expect(try await elevators(m.maintainerB) == ["N006109", "N006109"])
            #expect(Set(try await elevators(m.property)) == ["N000700", "N000614"])
            #expect(try await elevators(m.otherProperty) == ["N000711"])
            #expect(try await elevators(m.maintainerA, "?elevator=N000711") == ["N000711"])
            #expect(try await elevators(m.maintainerA, "?status=reviewing") == [])
            #expect(try await get(client, "/api/v1/maintenance-records?status=maybe", token: m.maintainerA).status == .badRequest)

            // One record: its worker, unit, property and regulator see it; others get 403.
            let id = try #require(try await get(client, "/api/v1/maintenance-records", token: m.workerA).array.first?["id"] as? Int)
            for token in [m.workerA, m.maintainerA, m.property, m.regulator, m.streetRegulator] {
                #expect(try await get(client, "/api/v1/maintenance-records/\(id)", token: token).status == .ok)
            }
            for token in [m.workerA2, m.workerB, m.maintainerB, m.otherProperty, m.otherRegulator, m.otherStreetRegulator] {
                #expect(try await get(client, "/api/v1/maintenance-records/\(id)", token: token).status == .forbidden)
            }
            #expect(try await get(client, "/api/v1/maintenance-records/999999", token: m.workerA).status == .notFound)
        }
    }

    @Test func anElevatorsHistoryIsForItsPropertyUnitAndRegulator() async throws {
        let m = try await MaintenanceWorld()
        let number = m.world.current  // unit A, the first property, 文峰街道
        try await m.app().test(.router) { client in
            let (_, typed) = try await m.upload(
                client,
                try MaintenanceWorld.body(
                    id: "h1", start: MaintenanceWorld.typed(number, at: m.clock.now.addingTimeInterval(-3 * 3600)),
                    end: MaintenanceWorld.typed(number, at: m.clock.now.addingTimeInterval(-2 * 3600))),
                token: m.workerA)
            #expect(typed["status"] as? String == "reviewing")
            _ = try await m.upload(client, try m.visit(number, id: "h2", type: "half-year"), token: m.workerA)

            let uri = "/api/v1/elevators/N000614/maintenance"
            let response = try await get(client, uri, token: m.property)
            #expect(response.status == .ok)
            let history = response.object
            #expect(history["elevator"] as? String == "N000614")
            #expect(history["status"] as? String == "current")
            let records = try #require(history["records"] as? [[String: Any]])
            #expect(records.compactMap { $0["clientId"] as? String } == ["h2", "h1"], "newest first, then the fixture's")
            #expect(records.count == 3)
            #expect(records.map { $0["status"] as? String } == ["passed", "reviewing", "passed"])
            #expect(records.first?["type"] as? String == "half-year")
            #expect(records.first?["abnormal"] is NSNull)
            #expect(records.first?["durationMinutes"] as? Int == 40)

            let paged = try await get(client, uri + "?limit=1", token: m.maintainerA).object
            #expect((paged["records"] as? [[String: Any]])?.count == 1)
            #expect(paged["nextOffset"] as? Int == 1)

            for token in [m.maintainerA, m.regulator, m.streetRegulator] {
                #expect(try await get(client, uri, token: token).status == .ok)
            }
            for token in [m.otherProperty, m.maintainerB, m.otherRegulator, m.otherStreetRegulator, m.workerA] {
                #expect(try await get(client, uri, token: token).status == .forbidden)
            }
            #expect(try await get(client, "/api/v1/elevators/N000001/maintenance", token: m.regulator).status == .notFound)
            #expect(try await get(client, "/api/v1/elevators/N12/maintenance", token: m.regulator).status == .badRequest)
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .unauthorized) }
            // The public by-number lookup beside it still answers without a token.
            try await client.execute(uri: "/api/v1/elevators/N000614", method: .get) { #expect($0.status == .ok) }
        }
    }
}
