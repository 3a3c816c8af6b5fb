import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import LiftStore
import LiftTestSupport
import Logging
import NIOConcurrencyHelpers
import Testing

/// Rescue orders over HTTP: every step through the API, who may do what, what arrival scans
/// prove, the ticket page, escalation to a real listener, lists, exports and the bulletin.
@Suite struct RescueRouteTests {
    static let start = ShanghaiTime.startOfDay(TestWorld.today).addingTimeInterval(10 * 3600)

    struct Tokens {
        let maintainerA, maintainerB, workerA, property, regulator, regulatorElsewhere, streetRegulator, operatorLine: String
    }

    func tokens(_ world: TestWorld) async throws -> Tokens {
        let now = Date()
        return await Tokens(
            maintainerA: try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: now)),
            maintainerB: try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitB, createdAt: now)),
            workerA: try await world.token(Account(id: 0, role: .worker, unit: TestWorld.unitA, name: "陈建章", phone: "13912345678", workerLogin: "W0101", createdAt: now)),
            property: try await world.token(Account(id: 0, role: .property, unit: "江苏坤园物业管理有限公司", createdAt: now)),
            regulator: try await world.token(Account(id: 0, role: .regulator, district: "崇川区", createdAt: now)),
            regulatorElsewhere: try await world.token(Account(id: 0, role: .regulator, district: "港闸区", createdAt: now)),
            streetRegulator: try await world.token(Account(id: 0, role: .regulator, district: "崇川区", street: "其他街道", createdAt: now)),
            operatorLine: try world.token(Account(id: 0, role: .emergencyOperator, name: "96333", createdAt: now)))
    }

    func post(_ client: some TestClientProtocol, _ uri: String, token: String, _ body: String = "{}") async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: .bearer(token), body: ByteBuffer(string: body))
    }

    func get(_ client: some TestClientProtocol, _ uri: String, token: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: .bearer(token))
    }

    @Test func aCallTakenByPhoneGoesThroughEveryStep() async throws {
        let world = try await TestWorld()
        let t = try await tokens(world)
        let clock = TestClock(Self.start)
        try await world.app(now: { clock.now }).test(.router) { client in
            let opened = try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "N000614", "phone": "13900001111", "note": "2人被困"}"#)
            #expect(opened.status == .created)
            let id = try #require(opened.object["id"] as? String)
            #expect(id.hasPrefix("R") && opened.object["state"] as? String == "dispatched")
            #expect(opened.object["maintenanceUnit"] as? String == TestWorld.unitA)
            #expect(opened.object["callerPhone"] == nil, "the caller's phone goes to the maintenance unit alone")
            #expect(opened.object["secondsToArrivalDeadline"] as? Int == 1800)

            // The unit's inbox: its open orders with their clocks; another unit sees none of it.
            clock.set(clock.now.addingTimeInterval(2 * 60))
            let inbox = try await get(client, "/api/v1/rescues?open=true", token: t.maintainerA)
            let item = try #require((inbox.object["items"] as? [[String: Any]])?.first)
            #expect(item["id"] as? String == id && item["callerPhone"] as? String == "13900001111")
            #expect(item["elapsedMinutes"] as? Double == 2 && item["secondsToArrivalDeadline"] as? Int == 1680)
            #expect((try await get(client, "/api/v1/rescues", token: t.maintainerB).object["items"] as? [Any])?.isEmpty == true)
            #expect(try await get(client, "/api/v1/rescues/\(id)", token: t.maintainerB).status == .forbidden)

            clock.set(clock.now.addingTimeInterval(1 * 60))
            let accepted = try await post(client, "/api/v1/rescues/\(id)/accept", token: t.maintainerA, #"{"rescuer": "陈建章", "phone": "13912345678"}"#)
            #expect(accepted.status == .ok && accepted.object["state"] as? String == "accepted" && accepted.object["rescuer"] as? String == "陈建章")

            clock.set(clock.now.addingTimeInterval(10.5 * 60))
            let arrived = try await post(client, "/api/v1/rescues/\(id)/arrival", token: t.workerA, #"{"code": "\#(try world.code(world.current))"}"#)
            #expect(arrived.status == .ok && arrived.object["state"] as? String == "arrived")
            #expect(arrived.object["arrivalVerified"] as? Bool == true && arrived.object["arrival"] as? String == "verified")
            #expect(arrived.object["arrivalMinutes"] as? Double == 13.5 && arrived.object["late"] as? Bool == false)

            clock.set(clock.now.addingTimeInterval(5 * 60))
            #expect(try await post(client, "/api/v1/rescues/\(id)/release", token: t.workerA).object["state"] as? String == "released")
            clock.set(clock.now.addingTimeInterval(20 * 60))
            let closed = try await post(client, "/api/v1/rescues/\(id)/close", token: t.maintainerA)
            #expect(closed.object["state"] as? String == "closed")
            let history = (closed.object["history"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(history == ["reported", "dispatched", "accepted", "arrived", "released", "closed"])

            // The regulator sees who rescued, not the rescuer's or the caller's phone.
            let seen = try await get(client, "/api/v1/rescues/\(id)", token: t.regulator)
            #expect(seen.status == .ok && seen.object["rescuer"] as? String == "陈建章")
            #expect(seen.object["rescuerPhone"] == nil && seen.object["callerPhone"] == nil)
            #expect(!seen.text.contains("13912345678") && !seen.text.contains("13900001111"))
            // The 96333 line coordinates: it sees the rescuer's phone.
            #expect(try await get(client, "/api/v1/rescues/\(id)", token: t.operatorLine).object["rescuerPhone"] as? String == "13912345678")
        }
    }

    @Test func anArrivalIsVerifiedOnlyByAGenuineLabelOfThatElevator() async throws {
        let world = try await TestWorld()
        let t = try await tokens(world)
        let clock = TestClock(Self.start)
        try await world.app(now: { clock.now }).test(.router) { client in
            func open(_ elevator: String) async throws -> String {
                let response = try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "\#(elevator)"}"#)
                #expect(response.status == .created)
                let id = try #require(response.object["id"] as? String)
                #expect(try await post(client, "/api/v1/rescues/\(id)/accept", token: t.workerA).status == .ok)
                return id
            }
            func arrive(_ id: String, _ code: String) async throws -> TestResponse {
                try await post(client, "/api/v1/rescues/\(id)/arrival", token: t.workerA, #"{"code": "\#(code)"}"#)
            }
            // Junk is no arrival at all: 400, and the order still waits.
            let first = try await open("N000614")
            let junk = try await arrive(first, "HTTP://LIFTCODE.TEST/E/HELLO")
            #expect(junk.status == .badRequest && junk.object["error"] != nil)
            #expect(try await get(client, "/api/v1/rescues/\(first)", token: t.workerA).object["state"] as? String == "accepted")

            let typed = try await arrive(first, "000614")
            #expect(typed.object["arrivalVerified"] as? Bool == false && typed.object["arrival"] as? String == "typed-number")
            _ = try await post(client, "/api/v1/rescues/\(first)/release", token: t.workerA)

            let second = try await open("N000618")
            let other = try await arrive(second, try world.code(world.current))
            #expect(other.object["arrivalVerified"] as? Bool == false && other.object["arrival"] as? String == "other-elevator:N000614")

            let third = try await open("N000614")
            let forged = try await arrive(third, TestWorld.base + "/E/" + (try world.counterfeitPath()))
            #expect(forged.object["arrivalVerified"] as? Bool == false && forged.object["arrival"] as? String == "counterfeit")

            // The regulator sees each as unverified, in words too.
            let list = try await get(client, "/api/v1/rescues", token: t.regulator)
            let items = try #require(list.object["items"] as? [[String: Any]])
            #expect(items.count == 3 && items.allSatisfy { $0["arrivalVerified"] as? Bool == false })
            #expect(items.contains { ($0["arrivalCheck"] as? String)?.contains("未验证") == true })
        }
    }

    @Test func theTicketPageShowsWhereTheRescueStandsAndNeverWho() async throws {
        let world = try await TestWorld()
        let t = try await tokens(world)
        let clock = TestClock(Self.start)
        try await world.app(now: { clock.now }).test(.router) { client in
            let filed = try await client.execute(
                uri: "/E/\(try world.path(world.current))/complaints", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "category=alarm&problem=trapped&text=%E6%9C%89%E4%BA%BA%E8%A2%AB%E5%9B%B0&phone=13700001111"))
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers[.location])
            let page = try await client.execute(uri: location, method: .get)
            #expect(page.text.contains("救援进度") && page.text.contains("已通知维保单位") && page.text.contains("96333"))

            let inbox = try await get(client, "/api/v1/rescues?open=true", token: t.maintainerA)
            let item = try #require((inbox.object["items"] as? [[String: Any]])?.first)
            let id = try #require(item["id"] as? String)
            #expect(item["callerPhone"] as? String == "13700001111" && item["reportVerification"] as? String == "genuine")
            #expect(!inbox.text.contains(location.dropFirst(3)), "staff never see the reporter's ticket")

            _ = try await post(client, "/api/v1/rescues/\(id)/accept", token: t.maintainerA, #"{"rescuer": "王救援", "phone": "13600002222"}"#)
            let accepted = try await client.execute(uri: location, method: .get)
            #expect(accepted.text.contains("救援人员已接单"))
            #expect(!accepted.text.contains("王救援") && !accepted.text.contains("13600002222"), "no rescuer's name or phone on a public page")
            let json = try await client.execute(uri: location, method: .get, headers: [.accept: "application/json"])
            #expect((json.object["rescue"] as? [String: Any])?["state"] as? String == "accepted")
            #expect(!json.text.contains("王救援") && !json.text.contains("13600002222"))

            _ = try await post(client, "/api/v1/rescues/\(id)/arrival", token: t.workerA, #"{"code": "\#(try world.code(world.current))"}"#)
            #expect(try await client.execute(uri: location, method: .get).text.contains("救援人员已到达"))
            _ = try await post(client, "/api/v1/rescues/\(id)/release", token: t.workerA)
            let released = try await client.execute(uri: location + "?lang=en", method: .get)
            #expect(released.text.contains("people released") && released.text.contains("96333"))
        }
    }

    @Test func whoMayDoWhatAndBadInput() async throws {
        let world = try await TestWorld()
        let t = try await tokens(world)
        try await world.app().test(.router) { client in
            #expect(try await client.execute(uri: "/api/v1/rescues", method: .get).status == .unauthorized)
            #expect(try await post(client, "/api/v1/rescues", token: t.maintainerA, #"{"elevator": "N000614"}"#).status == .forbidden)
            #expect(try await get(client, "/api/v1/rescues", token: t.property).status == .forbidden)
            #expect(try await post(client, "/api/v1/rescues", token: t.regulatorElsewhere, #"{"elevator": "N000614"}"#).status == .forbidden)
            let bad = try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "six"}"#)
            #expect(bad.status == .badRequest && (bad.object["error"] as? [String: Any])?["field"] as? String == "elevator")
            #expect(try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "N000999"}"#).status == .notFound)
            #expect(try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "N000614", "phone": "call me"}"#).status == .badRequest)
            #expect(try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{}"#).status == .badRequest)

            let opened = try await post(client, "/api/v1/rescues", token: t.regulator, #"{"elevator": "N006109"}"#)
            #expect(opened.status == .created)
            let id = try #require(opened.object["id"] as? String)
            #expect(opened.object["maintenanceUnit"] as? String == TestWorld.unitB)
            // A street regulator elsewhere in the district, a worker of another unit: not theirs.
            #expect(try await get(client, "/api/v1/rescues/\(id)", token: t.streetRegulator).status == .forbidden)
            #expect(try await post(client, "/api/v1/rescues/\(id)/accept", token: t.workerA).status == .forbidden)
            #expect(try await post(client, "/api/v1/rescues/\(id)/accept", token: t.maintainerB, #"{"rescuer": ""}"#).status == .badRequest)
            #expect(try await post(client, "/api/v1/rescues/\(id)/accept", token: t.maintainerB, #"{"rescuer": "季龙龙", "phone": "123"}"#).status == .badRequest)
            #expect(try await post(client, "/api/v1/rescues/\(id)/accept", token: t.maintainerB, #"{"rescuer": "季龙龙"}"#).status == .ok)
            let twice = try await post(client, "/api/v1/rescues/\(id)/accept", token: t.maintainerB, #"{"rescuer": "季龙龙"}"#)
            #expect(twice.status == .conflict && (twice.object["error"] as? [String: Any])?["code"] as? String == "wrong-state")
            #expect(try await post(client, "/api/v1/rescues/\(id)/close", token: t.maintainerB).status == .conflict)
            // A unit cannot cancel its own order; the 96333 line can, with a reason.
            #expect(try await post(client, "/api/v1/rescues/\(id)/cancel", token: t.maintainerB, #"{"reason": "误报"}"#).status == .forbidden)
            #expect(try await post(client, "/api/v1/rescues/\(id)/cancel", token: t.operatorLine, #"{"reason": "  "}"#).status == .badRequest)
            let cancelled = try await post(client, "/api/v1/rescues/\(id)/cancel", token: t.operatorLine, #"{"reason": "乘客已自行离开"}"#)
            #expect(cancelled.object["state"] as? String == "cancelled" && cancelled.object["cancelReason"] as? String == "乘客已自行离开")
            #expect(try await post(client, "/api/v1/rescues/RNOSUCHORDER/release", token: t.maintainerB).status == .notFound)
            #expect(try await get(client, "/api/v1/rescues?state=lost", token: t.regulator).status == .badRequest)
            #expect(try await get(client, "/api/v1/rescues?district=港闸区", token: t.regulator).status == .forbidden)
            #expect(try await get(client, "/api/v1/rescues?unit=\(TestWorld.unitA.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: t.maintainerB).status == .forbidden)
        }
    }

    /// Not accepted in time: the watch escalates the order and the outbox posts it to the
    /// district regulator's webhook (a real HTTP listener); not arrived in time: marked late.
    @Test func escalationReachesTheRegulatorThroughTheOutbox() async throws {
        let world = try await TestWorld()
        let t = try await tokens(world)
        let received = NIOLockedValueBox<[(String, String)]>([])
        let router = Router()
        router.post("/escalations") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 65_536)
            let key = request.headers.first { field in field.name.canonicalName == "idempotency-key" }?.value ?? ""
            received.withLockedValue { $0.append((key, String(buffer: body))) }
            return .ok
        }
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hook.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            try await world.database.setRegulatorWebhook(district: "崇川区", url: "http://127.0.0.1:\(port)/escalations")
            let clock = TestClock(Self.start)
            let id = try await world.app(now: { clock.now }).test(.router) { client in
                let opened = try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "N000614"}"#)
                return try #require(opened.object["id"] as? String)
            }
            let watch = RescueWatch(rescues: world.database, logger: Logger(label: "watch-test"))
            #expect(try await watch.check(now: Self.start.addingTimeInterval(300)) == RescueDeadlineReport(), "at the deadline: still on time")
            #expect(try await watch.check(now: Self.start.addingTimeInterval(301)) == RescueDeadlineReport(escalated: [id]))

            let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
            let worker = OutboxWorker(outbox: world.database, httpClient: httpClient, logger: Logger(label: "outbox-test"), allowPrivateAddresses: true)
            #expect(try await worker.deliverDue(now: Self.start.addingTimeInterval(302)) == 1)
            #expect(try await worker.deliverDue(now: Self.start.addingTimeInterval(4000)) == 0, "delivered once")
            try await httpClient.shutdown()
            let calls = received.withLockedValue { $0 }
            #expect(calls.count == 1)
            #expect(calls.first?.0 == "\(id)-escalated")
            #expect(calls.first?.1.contains("\"event\":\"rescue-escalated\"") == true && calls.first?.1.contains("\"id\":\"\(id)\"") == true)

            #expect(try await watch.check(now: Self.start.addingTimeInterval(1800)).markedLate.isEmpty)
            #expect(try await watch.check(now: Self.start.addingTimeInterval(1801)).markedLate == [id])
            clock.set(Self.start.addingTimeInterval(1900))
            try await world.app(now: { clock.now }).test(.router) { client in
                let late = try await get(client, "/api/v1/rescues?late=true&escalated=true", token: t.regulator)
                let item = try #require((late.object["items"] as? [[String: Any]])?.first)
                #expect(item["id"] as? String == id && item["late"] as? Bool == true && item["escalated"] as? Bool == true)
                #expect(item["secondsToArrivalDeadline"] as? Int == -100)
                // Late for ever: an arrival now keeps the mark.
                _ = try await post(client, "/api/v1/rescues/\(id)/accept", token: t.workerA)
                let arrived = try await post(client, "/api/v1/rescues/\(id)/arrival", token: t.workerA, #"{"code": "\#(try world.code(world.current))"}"#)
                #expect(arrived.object["late"] as? Bool == true && arrived.object["escalated"] as? Bool == true)
                let csv = try await get(client, "/api/v1/rescues?format=csv", token: t.regulator)
                #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(csv.text.contains("救援单号") && csv.text.contains(id) && csv.text.contains("是"))
            }
        }
    }

    @Test func theBulletinOverTheAPI() async throws {
        let world = try await TestWorld()
        let t = try await tokens(world)
        let clock = TestClock(Self.start)
        try await world.app(now: { clock.now }).test(.router) { client in
            // Three orders on N000614: one cancelled (not a trap), one released, one open.
            let first = try #require(try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "N000614"}"#).object["id"] as? String)
            _ = try await post(client, "/api/v1/rescues/\(first)/cancel", token: t.operatorLine, #"{"reason": "误报"}"#)
            let second = try #require(try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "N000614"}"#).object["id"] as? String)
            #expect(second != first)
            _ = try await post(client, "/api/v1/rescues/\(second)/accept", token: t.workerA)
            clock.set(clock.now.addingTimeInterval(12 * 60))
            _ = try await post(client, "/api/v1/rescues/\(second)/arrival", token: t.workerA, #"{"code": "\#(try world.code(world.current))"}"#)
            _ = try await post(client, "/api/v1/rescues/\(second)/release", token: t.workerA)
            clock.set(clock.now.addingTimeInterval(60 * 60))
            #expect(try await post(client, "/api/v1/rescues", token: t.operatorLine, #"{"elevator": "N000614"}"#).status == .created)
            let bulletin = try await get(client, "/api/v1/regulator/bulletin?month=2026-11", token: t.regulator)
            #expect(bulletin.status == .ok)
            #expect(bulletin.object["district"] as? String == "崇川区" && bulletin.object["month"] as? String == "2026-11")
            let figures = try #require(bulletin.object["figures"] as? [String: Any])
            #expect(figures["rescues"] as? Int == 3 && figures["cancelledRescues"] as? Int == 1 && figures["repeatTrapElevators"] as? Int == 1)
            #expect(figures["arrivals"] as? Int == 1 && figures["averageArrivalMinutes"] as? Double == 12 && figures["unverifiedArrivals"] as? Int == 0)
            #expect(figures["elevators"] as? Int == 3 && figures["labelled"] as? Int == 3)
            let traps = try #require(bulletin.object["repeatTraps"] as? [[String: Any]])
            #expect(traps.first?["number"] as? String == "N000614" && traps.first?["userUnit"] as? String == "江苏坤园物业管理有限公司")
            let units = try #require(bulletin.object["units"] as? [[String: Any]])
            #expect(units.map { $0["rank"] as? Int } == [1, 2] && units.allSatisfy { $0["score"] is Double && $0["stars"] is Int })
            #expect((bulletin.object["scoreFormula"] as? String)?.contains("得分") == true)

            let xlsx = try await get(client, "/api/v1/regulator/bulletin?month=2026-11&format=xlsx", token: t.regulator)
            #expect(xlsx.status == .ok && xlsx.headers[.contentType]?.contains("spreadsheetml") == true)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            #expect(try await get(client, "/api/v1/regulator/bulletin?month=2026-11&district=港闸区", token: t.regulator).status == .forbidden)
            #expect(try await get(client, "/api/v1/regulator/bulletin?month=2026-11", token: t.maintainerA).status == .forbidden)
            let badMonth = try await get(client, "/api/v1/regulator/bulletin?month=2026-13", token: t.regulator)
            #expect(badMonth.status == .badRequest && (badMonth.object["error"] as? [String: Any])?["field"] as? String == "month")
            #expect(try await get(client, "/api/v1/regulator/bulletin", token: t.regulator).status == .badRequest)
        }
    }
}
