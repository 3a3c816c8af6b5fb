import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LiftCore
@testable import LiftServer
import Testing

/// The attacks a review of the running server found (issue 10), each reproduced against the
/// routes and shown to fail.
@Suite struct PrivacyAndAbuseTests {
    func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    func file(_ client: some TestClientProtocol, _ json: String, headers: HTTPFields = .json) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/complaints", method: .post, headers: headers, body: body(json)) { response in
            #expect(response.status == .created, "\(response.text)")
            return response.object
        }
    }

    // MARK: 1. Open311 shows no ticket, text or phone

    @Test func open311ListsNeitherTicketsNorTextsAndItsIDsOpenNoTicketPage() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let filed = try await file(
                client, #"{"elevator": "N000614", "category": "complaint", "problem": "noise", "text": "我住3号楼王先生", "phone": "13900001111"}"#)
            let ticket = try #require(filed["ticket"] as? String)
            let stored = try #require(try await world.database.complaint(ticket: ticket))
            try await client.execute(uri: "/open311/v2/requests.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(ticket), "the ticket is the reporter's secret")
                #expect(!response.text.contains("王先生"), "no reporter's text in a public list")
                #expect(!response.text.contains("13900001111"))
                let request = try #require(response.array.first)
                #expect(request["service_request_id"] as? String == stored.publicID)
                #expect(request["address_id"] as? String == "N000614")
                #expect(request["agency_responsible"] as? String == TestWorld.unitA)
                #expect(request["description"] == nil)
            }
            try await client.execute(uri: "/open311/v2/requests/\(stored.publicID).json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(ticket))
                #expect(!response.text.contains("王先生"))
            }
            // Looking a ticket up as a public id finds nothing, and the public id opens no ticket page.
            try await client.execute(uri: "/open311/v2/requests/\(ticket).json", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/T/\(stored.publicID)", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/T/\(stored.publicID)/feedback", method: .post, headers: .json, body: body(#"{"satisfied": true}"#)) { response in
                #expect(response.status == .notFound)
            }
            // The reporter who files through Open311 gets the ticket back, and only there.
            try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("service_code=complaint&address_id=N000614&description=noise")
            ) { response in
                let created = try #require(response.array.first)
                let ticket = try #require(created["ticket"] as? String)
                #expect(created["service_request_id"] as? String != ticket)
                #expect(try await world.database.complaint(ticket: ticket) != nil)
            }
        }
    }

    // MARK: 2. National ID numbers are masked before they are stored

    @Test func nationalIDNumbersAreMaskedBeforeAnythingIsStored() async throws {
        let world = try await TestWorld()
        let maintainer = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: Date()))
        try await world.app().test(.router) { client in
            let filed = try await file(
                client, #"{"elevator": "N000614", "category": "complaint", "problem": "noise", "text": "我的身份证11010519491231002X，订单号 123456789012345678"}"#)
            let ticket = try #require(filed["ticket"] as? String)
            let stored = try #require(try await world.database.complaint(ticket: ticket))
            #expect(stored.draft.text == "我的身份证******************，订单号 123456789012345678", "the ID is masked, the order number kept")
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(maintainer)) { response in
                #expect(!response.text.contains("11010519491231002X"))
            }
            // A resolution text is masked too.
            try await client.execute(
                uri: "/api/v1/complaints/\(stored.publicID)/resolve", method: .post, headers: .bearer(maintainer),
                body: body(#"{"resolution": "已联系 11010519491231002X 本人"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.object["resolution"] as? String == "已联系 ****************** 本人")
            }
        }
    }

    // MARK: 3. Nothing public names who handles a classified elevator

    @Test func aClassifiedElevatorsUnitAndWorkerAppearInNoPublicAnswer() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let filed = try await file(client, #"{"label": "\#(try world.code(world.classified))", "category": "complaint", "problem": "noise"}"#)
            #expect(filed["routedTo"] == nil || filed["routedTo"] is NSNull, "the reply names no unit")
            let ticket = try #require(filed["ticket"] as? String)
            let stored = try #require(try await world.database.complaint(ticket: ticket))
            #expect(stored.routedTo == TestWorld.unitA, "it still goes to the unit")
            try await client.execute(uri: "/T/\(ticket)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(TestWorld.unitA))
                #expect(!response.text.contains("陈建章"))
            }
            try await client.execute(uri: "/T/\(ticket)", method: .get, headers: .json) { response in
                #expect(!response.text.contains(TestWorld.unitA))
            }
            try await client.execute(uri: "/open311/v2/requests/\(stored.publicID).json", method: .get) { response in
                #expect(!response.text.contains(TestWorld.unitA))
            }
            try await client.execute(uri: "/open311/v2/requests.json", method: .get) { response in
                #expect(!response.text.contains(TestWorld.unitA))
            }
        }
    }

    // MARK: 4. The reporter's phone goes to the maintenance unit alone

    @Test func propertyManagersRegulatorsAndAdminsNeverSeeAReportersPhone() async throws {
        let world = try await TestWorld()
        let property = try await world.token(Account(id: 0, role: .property, unit: "江苏坤园物业管理有限公司", createdAt: Date()))
        let regulator = try await world.token(Account(id: 0, role: .regulator, district: "崇川区", createdAt: Date()))
        let admin = try await world.token(Account(id: 0, role: .admin, createdAt: Date()))
        let maintainer = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: Date()))
        try await world.app().test(.router) { client in
            let filed = try await file(client, #"{"elevator": "N000614", "category": "complaint", "problem": "noise", "phone": "13900001111"}"#)
            let ticket = try #require(filed["ticket"] as? String)
            for token in [property, regulator, admin] {
                try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(token)) { response in
                    #expect(response.status == .ok)
                    #expect(response.array.count == 1)
                    #expect(!response.text.contains("13900001111"))
                    #expect(!response.text.contains(ticket), "staff never see the reporter's ticket")
                    #expect(response.headers[.cacheControl] == "no-store")
                }
            }
            try await client.execute(uri: "/api/v1/regulator/complaints?format=csv", method: .get, headers: .bearer(regulator)) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("13900001111"))
                #expect(!response.text.contains(ticket))
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(maintainer)) { response in
                #expect(response.array.first?["phone"] as? String == "13900001111", "the unit calls the reporter back")
            }
            try await client.execute(uri: "/T/\(ticket)", method: .get) { response in
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    // MARK: 5. Every HTML answer forbids what it does not need

    @Test func htmlAnswersCarryAStrictPolicyAndLogsHideTickets() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let filed = try await file(client, #"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#)
            let ticket = try #require(filed["ticket"] as? String)
            for uri in ["/E/\(try world.path(world.current))", "/E/junk", "/T/\(ticket)", "/T/TNOSUCHTICKET"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(uri)")
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(policy.contains("default-src 'none'"), "\(uri)")
                    #expect(policy.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(!policy.contains("http"), "nothing from elsewhere")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                }
            }
            try await client.execute(uri: "/E/\(try world.path(world.current))", method: .get) { response in
                #expect(!response.text.contains(" style=\""), "no inline style attributes the policy would have to allow")
                #expect(!response.text.contains("<script"))
            }
        }
    }

    @Test func requestLogsNeverHoldATicket() {
        let ticket = "TABCDEFGHIJKLMNOPQRST"
        let redacted = RequestLogMiddleware<AppRequestContext>.redacted
        #expect(redacted("/T/\(ticket)") == "/T/T…")
        #expect(redacted("/T/\(ticket)/feedback") == "/T/T…/feedback")
        // Spellings that reach the ticket page or a 404, as a review tried them.
        for path in ["//T/\(ticket)", "/./T/\(ticket)", "/x/../T/\(ticket)", "/%54/\(ticket)", "/T%2F\(ticket)", "/t/\(ticket.lowercased())"] {
            #expect(!redacted(path).contains(ticket.dropFirst()) && !redacted(path).lowercased().contains(ticket.dropFirst().lowercased()), "\(path)")
        }
        #expect(redacted("/E/N000614-1-K1-AAAA") == "/E/N000614-1-K1-AAAA")
    }

    @Test func answersCarryingATicketAreNeverStored() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: body(#"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await client.execute(
                uri: "/E/\(try world.path(world.current))/complaints", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("category=complaint&problem=noise")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func aComplaintNeverGoesToAWorkerOfTheElevatorsFormerUnit() async throws {
        let world = try await TestWorld()
        // N006109's last visit was by W0201 of unit B; the registry now names unit A.
        var moved = try #require(try world.database.factsNow(for: world.overdue)).elevator
        moved.maintenanceUnit = TestWorld.unitA
        _ = try await world.database.upsert([moved])
        let formerWorker = try await world.token(Account(id: 0, role: .worker, unit: TestWorld.unitB, workerLogin: "W0201", createdAt: Date()))
        try await world.app().test(.router) { client in
            let filed = try await file(client, #"{"elevator": "N006109", "category": "complaint", "problem": "noise", "phone": "13900001111"}"#)
            let ticket = try #require(filed["ticket"] as? String)
            let stored = try #require(try await world.database.complaint(ticket: ticket))
            #expect(stored.routedTo == TestWorld.unitA)
            #expect(stored.routedWorker == nil, "not the former unit's worker")
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(formerWorker)) { response in
                #expect(!response.text.contains("13900001111"))
                #expect(response.array.isEmpty)
            }
        }
    }

    // MARK: 9. Junk cannot silence an alarm

    @Test func junkComplaintsCannotSilenceAnAlarm() async throws {
        let world = try await TestWorld()
        // The elevator takes three distinct clients an hour; each client ten complaints a minute.
        let desk = world.desk(perClient: 10, perElevator: 3)
        let junk = ComplaintDraft(category: .complaint, problem: .other, text: "junk")
        for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3"] {
            for _ in 0..<4 {
                // One client counts once: its repeats do not use up the elevator's allowance.
                _ = try await desk.file(junk, about: .number("N000614"), clientAddress: address)
            }
        }
        // A fourth client's complaint is over the elevator's limit …
        await #expect(throws: APIError.self) {
            _ = try await desk.file(ComplaintDraft(category: .complaint, problem: .noise), about: .number("N000614"), clientAddress: "10.0.0.4")
        }
        // … but an alarm always goes through the elevator's limit.
        let alarm = try await desk.file(
            ComplaintDraft(category: .alarm, problem: .shaking, text: "有人被困"), about: .number("N000614"), clientAddress: "10.0.0.4")
        #expect(alarm.draft.category == .alarm)
        // The per-client limit still holds for alarms.
        let flooding = world.desk(perClient: 2, perElevator: 3)
        for _ in 0..<2 {
            _ = try await flooding.file(ComplaintDraft(category: .alarm, problem: .shaking), about: .number("N000614"), clientAddress: "10.0.0.9")
        }
        await #expect(throws: APIError.self) {
            _ = try await flooding.file(ComplaintDraft(category: .alarm, problem: .shaking), about: .number("N000614"), clientAddress: "10.0.0.9")
        }
    }

    @Test func complaintsAboutCounterfeitCodesDoNotUseUpTheGenuineElevator() async throws {
        let world = try await TestWorld()
        try await world.app(perClient: nil, perElevator: 1).test(.router) { client in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: body(#"{"label": "\#(TestWorld.base)/E/\#(try world.counterfeitPath())", "category": "complaint", "problem": "damaged-label"}"#)
            ) { response in
                #expect(response.status == .created)
            }
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: body(#"{"label": "\#(try world.code(world.current))", "category": "complaint", "problem": "noise"}"#)
            ) { response in
                #expect(response.status == .created, "the genuine elevator still has its allowance")
            }
        }
    }

    // MARK: 10. The page cache is bounded and keyed by the code

    @Test func longJunkPathsAreNeverCachedAndTheCacheStaysWithinItsBytes() async throws {
        let world = try await TestWorld()
        let app = world.appWithPageCache(bytes: 64 * 1024)
        try await app.application.test(.router) { client in
            let junk = String(repeating: "A", count: 60_000)
            for index in 0..<20 {
                try await client.execute(uri: "/E/\(junk)\(index)", method: .get) { response in
                    #expect(response.status == .badRequest)
                }
            }
            #expect(app.pageCache.count == 0, "a malformed answer is never cached")
            // The same label in upper and lower case is one entry.
            let path = try world.path(world.current)
            for variant in [path, path.lowercased()] {
                try await client.execute(uri: "/E/\(variant)", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
            #expect(app.pageCache.count == 1)
            for number in [world.classified, world.overdue] {
                try await client.execute(uri: "/E/\(try world.path(number))", method: .get) { _ in }
                try await client.execute(uri: "/E/\(try world.path(number))", method: .get, headers: [.accept: "application/json"]) { _ in }
            }
            #expect(app.pageCache.bytes <= 64 * 1024)
        }
    }

    @Test func forgedCodesCannotFillThePageCache() async throws {
        let world = try await TestWorld()
        let app = world.appWithPageCache(bytes: 1 << 20)
        try await app.application.test(.router) { client in
            let genuine = try world.path(world.current)
            // The same number and serial with many made-up signatures: every one a counterfeit.
            for index in 0..<50 {
                var signature = Array(repeating: UInt8(index), count: 64)
                signature[0] = 0xA5
                let forged = genuine.split(separator: "-").prefix(3).joined(separator: "-") + "-" + Base32.encode(signature)
                try await client.execute(uri: "/E/\(forged)", method: .get) { response in #expect(response.status == .forbidden) }
            }
            #expect(app.pageCache.count == 0, "no answer to a forged code is kept")
            try await client.execute(uri: "/E/\(genuine)", method: .get) { response in #expect(response.status == .ok) }
            #expect(app.pageCache.count == 1)
        }
    }

    @Test func theMetricsCountPageCacheHitsAndMisses() async throws {
        let world = try await TestWorld()
        let app = world.appWithPageCache(bytes: 1 << 20)
        try await app.application.test(.router) { client in
            let path = try world.path(world.current)
            for _ in 0..<3 {
                try await client.execute(uri: "/E/\(path)", method: .get) { response in #expect(response.status == .ok) }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"liftcode_page_cache_answers_total{result="hit"} 2"#))
                #expect(text.contains(#"liftcode_page_cache_answers_total{result="miss"} 1"#))
            }
        }
    }

    // MARK: 11. Revocations (the CLI side is LiftcodeCLITests.LiveTrustTests)

    @Test func aRevokedLabelOfANumberNotYetRegisteredIsRevoked() async throws {
        let world = try await TestWorld()
        try await world.database.revoke(LabelID(number: world.unregistered, serial: 1), reason: "lost before installation", at: Date())
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/E/\(try world.path(world.unregistered))", method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .gone)
                #expect(response.object["outcome"] as? String == "revoked")
            }
        }
    }

    // MARK: 12. Look-alike characters

    @Test func aDotlessIInACodeIsMalformedNotGenuine() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let path = try world.path(world.current)
            let index = try #require(path.firstIndex(of: "I") ?? path.firstIndex(of: "K"))
            var forged = path
            forged.replaceSubrange(index...index, with: path[index] == "I" ? "ı" : "K")
            if path[index] == "K" {
                // The key id K1: a Kelvin sign upper-cases to K as well.
                forged = path.replacingOccurrences(of: "-K1-", with: "-\u{212A}1-")
            }
            let encoded = try #require(forged.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
            try await client.execute(uri: "/E/\(encoded)", method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["outcome"] as? String == "malformed")
            }
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: body(#"{"label": "\#(TestWorld.base)/E/\#(forged)", "category": "complaint", "problem": "noise"}"#)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    // MARK: 13. One body limit, configurable

    @Test func theConfiguredBodyLimitIsTheOneApplied() async throws {
        let world = try await TestWorld()
        var configuration = world.configuration()
        configuration.maximumBodySize = 2048
        let text = String(repeating: "很", count: 400)  // 1,200 bytes of UTF-8
        let json = #"{"elevator": "N000614", "category": "complaint", "problem": "noise", "text": "\#(text)", "pad": "\#(String(repeating: "x", count: 1000))"}"#
        try await world.app(configuration: configuration).test(.router) { client in
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: .json, body: body(json)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        configuration.maximumBodySize = 64 * 1024
        try await world.app(configuration: configuration).test(.router) { client in
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: .json, body: body(json)) { response in
                #expect(response.status == .created)
            }
        }
    }
}

extension TestWorld {
    /// The complaint desk the routes use, with limits of the test's own.
    func desk(perClient: Int?, perElevator: Int?) -> ComplaintDesk {
        ComplaintDesk(
            lookup: ElevatorLookup(registry: sample.database, verifier: LabelVerifier(signatures: sample.keyRing)), complaints: sample.database,
            perClient: perClient.map { RateLimiter(limit: $0, window: 60) }, perElevator: perElevator.map { RateLimiter(limit: $0, window: 3600) },
            metrics: ServerMetrics(), labelBaseURL: Self.base)
    }
}

/// 6. A worker is at one elevator at a time, visits have a longest length, scans no future time.
@Suite struct FakedVisitTests {
    @Test func overlappingVisitsOfOneWorkerAreRefusedNamingTheRecordInTheWay() async throws {
        let m = try await MaintenanceWorld()
        try await m.app().test(.router) { client in
            let (first, answer) = try await m.upload(client, try m.visit(m.fleet[0], id: "a", minutes: 40), token: m.workerA)
            #expect(first == .created)
            let firstID = try #require(answer["id"] as? Int)
            // Another elevator with the same start and end times.
            let (second, refusal) = try await m.upload(client, try m.visit(m.fleet[1], id: "b", minutes: 40), token: m.workerA)
            #expect(second == .conflict)
            let error = refusal["error"] as? [String: Any]
            #expect(error?["code"] as? String == "overlapping-visit")
            #expect((error?["message"] as? String)?.contains("record \(firstID)") == true)
            // The same visit again under a new client id.
            let (again, _) = try await m.upload(client, try m.visit(m.fleet[0], id: "a-again", minutes: 40), token: m.workerA)
            #expect(again == .conflict)
            // The same client id again is a retry, answered as the first time.
            let (retry, retried) = try await m.upload(client, try m.visit(m.fleet[0], id: "a", minutes: 40), token: m.workerA)
            #expect(retry == .created)
            #expect(retried["id"] as? Int == firstID)
            // Another worker may be at another elevator at the same time, and one visit may follow another.
            let (other, _) = try await m.upload(client, try m.visit(m.fleet[1], id: "c", minutes: 40), token: m.workerA2)
            #expect(other == .created)
            let (later, _) = try await m.upload(client, try m.visit(m.fleet[1], id: "d", minutes: 40, endedBefore: 10 * 60 + 40 * 60), token: m.workerA)
            #expect(later == .created, "a visit ending as the next one starts does not overlap it")
        }
    }

    @Test func aVisitLongerThanTheMaximumOrFromTheFutureIsRefused() async throws {
        let m = try await MaintenanceWorld()
        try await m.app().test(.router) { client in
            let (long, answer) = try await m.upload(client, try m.visit(m.fleet[0], id: "900d", minutes: 900 * 24 * 60), token: m.workerA)
            #expect(long == .badRequest)
            #expect(((answer["error"] as? [String: Any])?["message"] as? String)?.contains("at most 720 minutes") == true)
            let (twelve, _) = try await m.upload(client, try m.visit(m.fleet[0], id: "12h", minutes: 12 * 60), token: m.workerA)
            #expect(twelve == .created, "12 hours is the longest accepted by default")
            let (future, _) = try await m.upload(client, try m.visit(m.fleet[1], id: "future", minutes: 40, endedBefore: -3600), token: m.workerA)
            #expect(future == .badRequest)
        }
        let store = m.world.database
        #expect(try await store.maintenanceEntries(MaintenanceFilter(workerLogin: "W0101")).count == 2, "the fixture's and the 12-hour visit")
    }
}

/// The per-elevator limit under a flood of complaints about numbers that do not exist.
@Suite struct RateLimiterTests {
    @Test func aFloodOfUnknownNumbersDoesNotResetAnElevatorsWindow() async throws {
        let world = try await TestWorld()
        let desk = world.desk(perClient: 10, perElevator: 3)
        for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3"] {
            _ = try await desk.file(ComplaintDraft(category: .complaint, problem: .other), about: .number("N000614"), clientAddress: address)
        }
        // Complaints about unregistered numbers are 404 and keep no window.
        for index in 0..<300 {
            await #expect(throws: APIError.self) {
                _ = try await desk.file(
                    ComplaintDraft(category: .complaint, problem: .other), about: .number(String(format: "N0%05d", 20_000 + index)),
                    clientAddress: "10.1.\(index / 250).\(index % 250)")
            }
        }
        do {
            _ = try await desk.file(ComplaintDraft(category: .complaint, problem: .noise), about: .number("N000614"), clientAddress: "10.0.0.4")
            Issue.record("the elevator's limit was reset by the flood")
        } catch let error as APIError {
            #expect(error.status == .tooManyRequests)
        }
    }

    @Test func aFullLimiterDropsItsOldestWindowsNotAll() {
        let limiter = RateLimiter(limit: 1, window: 3600, maximumKeys: 100)
        let start = Date()
        for index in 0..<100 { _ = limiter.allow("client\(index)", now: start.addingTimeInterval(Double(index))) }
        #expect(!limiter.allow("client99", now: start.addingTimeInterval(200)))
        _ = limiter.allow("newcomer", now: start.addingTimeInterval(201))
        #expect(!limiter.allow("client99", now: start.addingTimeInterval(202)), "a recent window survives")
    }
}
