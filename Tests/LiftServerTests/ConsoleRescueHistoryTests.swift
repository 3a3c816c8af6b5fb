import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import LiftCore
import LiftServer
import Testing

/// Rescue orders of a known month in a console world: five orders of two units in two streets,
/// with accounts for each scope.
struct RescueHistoryWorld {
    let console: ConsoleWorld
    /// 2026-11-25 10:00 in Shanghai.
    static let start = RescueRouteTests.start
    static let otherStreet = "城东街道"
    let elsewhereNumber = NNumber(value: 620)!
    /// Unit A, 3 November: accepted at 10:02, arrived verified at 10:13:30, released, closed.
    let closed: String
    /// Unit A, 20 October: cancelled three minutes after the report.
    let cancelled: String
    /// Unit A, 20 November: accepted at 8, the number typed at 42 minutes (late, unverified), released.
    let late: String
    /// Unit B, 10 November, 文峰街道: arrived verified at 20 minutes, closed.
    let unitB: String
    /// Unit B, 12 November, 城东街道: dispatched, nobody yet.
    let elsewhere: String

    init() async throws {
        console = try await ConsoleWorld()
        let database = console.world.database
        _ = try await database.upsert([
            Elevator(number: elsewhereNumber, address: "崇川区城东街道某小区3幢", district: "崇川区", street: Self.otherStreet, maintenanceUnit: TestWorld.unitB)
        ])
        let hash = Bcrypt.hash(ConsoleWorld.password, cost: 4)
        _ = try await database.addAccount(
            Account(id: 0, role: .regulator, district: "崇川区", street: Self.otherStreet, login: "streetRegulator", createdAt: Date()),
            tokenHash: UUID().uuidString, passwordHash: hash)
        _ = try await database.addAccount(
            Account(id: 0, role: .emergencyOperator, name: "96333", login: "line96333", createdAt: Date()), tokenHash: UUID().uuidString, passwordHash: hash)
        let day = 86_400.0
        let minute = 60.0

        func open(_ number: NNumber, at: Date) async throws -> String {
            try await database.openRescue(RescueFiling(number: number, source: .phone, verification: .unverified, receivedAt: at)).id
        }
        let current = console.world.current
        var at = Self.start.addingTimeInterval(-22 * day)
        closed = try await open(current, at: at)
        _ = try await database.apply(.accept(rescuer: "张救援", phone: "13700001111"), to: closed, by: "test", at: at + 2 * minute)
        _ = try await database.apply(.arrive(.verified), to: closed, by: "test", at: at + 13.5 * minute)
        _ = try await database.apply(.release, to: closed, by: "test", at: at + 21 * minute)
        _ = try await database.apply(.close, to: closed, by: "test", at: at + 40 * minute)

        at = Self.start.addingTimeInterval(-36 * day - 1 * 3600)
        cancelled = try await open(current, at: at)
        _ = try await database.apply(.cancel(reason: "误报"), to: cancelled, by: "test", at: at + 3 * minute)

        at = Self.start.addingTimeInterval(-5 * day - 2 * 3600)
        late = try await open(current, at: at)
        _ = try await database.apply(.accept(rescuer: "李救援", phone: "13700002222"), to: late, by: "test", at: at + 8 * minute)
        _ = try await database.apply(.arrive(.typedNumber), to: late, by: "test", at: at + 42 * minute)
        _ = try await database.apply(.release, to: late, by: "test", at: at + 55 * minute)

        at = Self.start.addingTimeInterval(-15 * day + 2 * 3600)
        unitB = try await open(console.world.overdue, at: at)
        _ = try await database.apply(.accept(rescuer: "王救援", phone: "13700003333"), to: unitB, by: "test", at: at + 3 * minute)
        _ = try await database.apply(.arrive(.verified), to: unitB, by: "test", at: at + 20 * minute)
        _ = try await database.apply(.release, to: unitB, by: "test", at: at + 30 * minute)
        _ = try await database.apply(.close, to: unitB, by: "test", at: at + 50 * minute)

        elsewhere = try await open(elsewhereNumber, at: Self.start.addingTimeInterval(-13 * day + 5 * 3600))
    }

    var all: Set<String> { [closed, cancelled, late, unitB, elsewhere] }
}

extension TestResponse {
    /// The rescue orders a console table lists (its rows' keys).
    var rescueKeys: Set<String> {
        Set(text.matches(of: /data-key="(R[A-Z2-7]{12})"/).map { String($0.output.1) })
    }

    /// The rescue ids a CSV export holds.
    var rescueIDs: Set<String> {
        Set(text.matches(of: /R[A-Z2-7]{12}/).map { String($0.output) })
    }
}

/// The console's rescue history: closed and cancelled orders too, the clocks, the filters, the
/// exports that match them, and every scope.
@Suite struct ConsoleRescueHistoryTests {
    func signIn(_ client: some TestClientProtocol, _ login: String) async throws -> CookieJar {
        let jar = CookieJar()
        let response = try await ConsoleRouteTests().signIn(client, jar, login)
        #expect(response.status == .seeOther, "\(login) signs in")
        return jar
    }

    func get(_ client: some TestClientProtocol, _ uri: String, _ jar: CookieJar) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: jar.header)
    }

    @Test func aUnitSeesItsClosedAndCancelledOrdersWithTheirClocks() async throws {
        let h = try await RescueHistoryWorld()
        try await h.console.app().test(.router) { client in
            let unitA = try await signIn(client, "unitA")
            let page = try await get(client, "/console/rescues/history", unitA)
            #expect(page.status == .ok)
            #expect(page.rescueKeys == [h.closed, h.cancelled, h.late], "its own orders, whatever their state; never unit B's")
            let closedRow = try #require(page.text.matches(of: /<tr[^>]*data-key="R[A-Z2-7]{12}".*?<\/tr>/.dotMatchesNewlines()).map { String($0.output) }
                .first { $0.contains(h.closed) })
            for clock in ["2026-11-03 10:00", ">10:02<", ">10:13<", "13.5 分钟", "按时", "已验证", "张救援"] {
                #expect(closedRow.contains(clock), "closed row shows \(clock)")
            }
            #expect(!closedRow.contains("13700001111"), "a rescuer's phone is not listed")
            let lateRow = try #require(page.text.matches(of: /<tr[^>]*data-key="R[A-Z2-7]{12}".*?<\/tr>/.dotMatchesNewlines()).map { String($0.output) }
                .first { $0.contains(h.late) })
            #expect(lateRow.contains("overdue-row") && lateRow.contains("超时") && lateRow.contains("42.0 分钟"))
            #expect(lateRow.contains("未验证") && lateRow.contains("手动输入编号"))
            #expect(page.text.contains(#"href="/console/export/rescues?format=xlsx""#), "a unit exports its history too")
            // Its export holds exactly the list.
            let csv = try await get(client, "/console/export/rescues?format=csv", unitA)
            #expect(csv.status == .ok && csv.rescueIDs == [h.closed, h.cancelled, h.late])
            // The English page says the same.
            let english = try await get(client, "/console/rescues/history?lang=en", unitA)
            #expect(english.text.contains("13.5 min") && english.text.contains("unverified") && english.text.contains("typed number"))
        }
    }

    @Test func everyFilterNarrowsTheListAndItsExportAlike() async throws {
        let h = try await RescueHistoryWorld()
        try await h.console.app().test(.router) { client in
            let regulator = try await signIn(client, "regulator")
            let cases: [(String, Set<String>)] = [
                ("", h.all),
                ("state=closed", [h.closed, h.unitB]),
                ("state=cancelled", [h.cancelled]),
                ("late=true", [h.late]),
                ("unverified=true", [h.late]),
                ("month=2026-10", [h.cancelled]),
                ("month=2026-11&late=&unverified=", [h.closed, h.late, h.unitB, h.elsewhere]),
                ("from=2026-11-10&to=2026-11-12", [h.unitB, h.elsewhere]),
                ("street=\(RescueHistoryWorld.otherStreet)", [h.elsewhere]),
                ("unit=\(TestWorld.unitB)", [h.unitB, h.elsewhere]),
                ("elevator=N000614&state=released", [h.late]),
            ]
            for (query, expected) in cases {
                let page = try await get(client, "/console/rescues/history?\(query)", regulator)
                #expect(page.status == .ok, "\(query)")
                #expect(page.rescueKeys == expected, "list: \(query)")
                let csv = try await get(client, "/console/export/rescues?\(query)&format=csv", regulator)
                #expect(csv.status == .ok, "\(query)")
                #expect(csv.rescueIDs == expected, "export: \(query)")
            }
            // The page's export link carries its filters.
            let page = try await get(client, "/console/rescues/history?late=true&month=2026-11", regulator)
            #expect(page.text.contains("/console/export/rescues?late=true&amp;month=2026-11&amp;format=csv")
                || page.text.contains("/console/export/rescues?month=2026-11&amp;late=true&amp;format=csv"))
            let xlsx = try await get(client, "/console/export/rescues?late=true&format=xlsx", regulator)
            #expect(xlsx.status == .ok && xlsx.headers[.contentType]?.contains("spreadsheetml") == true)
        }
    }

    @Test func theHistoryPagesFiftyAtATime() async throws {
        let console = try await ConsoleWorld()
        var ids: [String] = []
        for index in 0..<55 {
            let at = RescueHistoryWorld.start.addingTimeInterval(Double(index - 60) * 3600)
            let order = try await console.world.database.openRescue(
                RescueFiling(number: console.world.current, source: .phone, verification: .unverified, receivedAt: at))
            _ = try await console.world.database.apply(.cancel(reason: "演练"), to: order.id, by: "test", at: at + 60)
            ids.append(order.id)
        }
        let newest = Set(ids.suffix(50))
        let oldest = Set(ids.prefix(5))
        try await console.app().test(.router) { client in
            let unitA = try await signIn(client, "unitA")
            let first = try await get(client, "/console/rescues/history", unitA)
            #expect(first.rescueKeys == newest, "newest first")
            #expect(first.text.contains(#"href="/console/rescues/history?offset=50" rel="next""#))
            let second = try await get(client, "/console/rescues/history?offset=50", unitA)
            #expect(second.rescueKeys == oldest)
            #expect(!second.text.contains(#"rel="next""#) && second.text.contains(#"rel="prev""#))
        }
    }

    @Test func noAccountSeesBeyondItsScope() async throws {
        let h = try await RescueHistoryWorld()
        try await h.console.app().test(.router) { client in
            // A unit: never another unit's order, by list, filter, export or a guessed id.
            let unitA = try await signIn(client, "unitA")
            let asked = try await get(client, "/console/rescues/history?unit=\(TestWorld.unitB)", unitA)
            #expect(asked.status == .forbidden && asked.text.contains("筛选条件有误") && asked.rescueKeys.isEmpty)
            #expect(try await get(client, "/console/export/rescues?unit=\(TestWorld.unitB)&format=csv", unitA).status == .forbidden)
            #expect(try await get(client, "/console/rescues/history?elevator=N006109", unitA).rescueKeys.isEmpty)
            #expect(try await get(client, "/console/export/rescues?elevator=N006109&format=csv", unitA).rescueIDs.isEmpty)
            let token = try await ConsoleRouteTests().csrf(client, unitA, "/console/rescues")
            for (path, body) in [
                ("/console/rescues/\(h.elsewhere)", "do=accept&rescuer=冒名&csrf=\(token)"),
                ("/console/rescues/\(h.unitB)", "do=close&csrf=\(token)"),
                ("/console/rescues/\(h.elsewhere)/arrival", "code=N000620&csrf=\(token)"),
                ("/console/rescues/RAAAAAAAAAAAA", "do=accept&rescuer=猜&csrf=\(token)"),
            ] {
                let response = try await client.execute(uri: path, method: .post, headers: unitA.form(), body: ByteBuffer(string: body))
                #expect(response.status == .notFound, "\(path): another unit's order is as unknown as a guessed one")
            }
            #expect(try await h.console.world.database.rescue(id: h.elsewhere)?.state == .dispatched, "nothing changed")
            #expect(try await h.console.world.database.rescue(id: h.unitB)?.state == .closed)

            // A street regulator: its street alone.
            let street = try await signIn(client, "streetRegulator")
            #expect(try await get(client, "/console/rescues/history", street).rescueKeys == [h.elsewhere])
            #expect(try await get(client, "/console/export/rescues?format=csv", street).rescueIDs == [h.elsewhere])
            #expect(try await get(client, "/console/rescues", street).rescueKeys == [h.elsewhere])
            #expect(try await get(client, "/console/rescues/history?street=文峰街道", street).status == .forbidden)
            #expect(try await get(client, "/console/export/rescues?street=文峰街道&format=csv", street).status == .forbidden)
            #expect(try await get(client, "/console/rescues/history?district=港闸区", street).status == .forbidden)
            let streetToken = try await ConsoleRouteTests().csrf(client, street, "/console/rescues/history")
            let cancel = try await client.execute(
                uri: "/console/rescues/\(h.late)", method: .post, headers: street.form(), body: ByteBuffer(string: "do=cancel&reason=x&csrf=\(streetToken)"))
            #expect(cancel.status == .notFound, "another street's order")

            // A district regulator: its district; another district is refused.
            let regulator = try await signIn(client, "regulator")
            #expect(try await get(client, "/console/rescues/history", regulator).rescueKeys == h.all)
            #expect(try await get(client, "/console/rescues/history?district=港闸区", regulator).status == .forbidden)

            // The 96333 line sees every order; property managers and workers no history at all.
            let line = try await signIn(client, "line96333")
            #expect(try await get(client, "/console/rescues/history", line).rescueKeys == h.all)
            for login in ["property", "W0101"] {
                let jar = try await signIn(client, login)
                #expect(try await get(client, "/console/rescues/history", jar).status == .forbidden, "\(login)")
                #expect(try await get(client, "/console/export/rescues?format=csv", jar).status == .forbidden, "\(login)")
                #expect(try await get(client, "/console/bulletin", jar).status == .forbidden, "\(login)")
            }
            // Signed out: the sign-in page, nothing listed.
            let stranger = try await client.execute(uri: "/console/rescues/history", method: .get)
            #expect(stranger.rescueKeys.isEmpty && stranger.status != .ok)
        }
    }

    @Test func badFilterValuesGetAClearPageNotACrash() async throws {
        let h = try await RescueHistoryWorld()
        try await h.console.app().test(.router) { client in
            let regulator = try await signIn(client, "regulator")
            for (query, says) in [
                ("state=flying", "state"), ("month=2026-13", "month"), ("month=next", "month"), ("from=2026-02-30", "from"),
                ("from=2026-11-10&to=2026-11-01", "before"), ("month=2026-11&from=2026-11-01", "not both"), ("late=maybe", "late"),
                ("unverified=2", "unverified"), ("elevator=X1", "elevator"), ("offset=-1", "offset"), ("limit=0", "limit"),
                ("bogus=1", "bogus"), ("street=\(String(repeating: "街", count: 101))", "street"), ("state=closed&state=cancelled", "twice"),
            ] {
                let page = try await get(client, "/console/rescues/history?\(query)", regulator)
                #expect(page.status == .badRequest, "\(query)")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "\(query)")
                #expect(page.text.contains("筛选条件有误") && page.text.contains(says), "\(query): \(page.text.suffix(300))")
                #expect(page.text.contains(#"id="filters""#), "the filters stay to be corrected")
                let export = try await get(client, "/console/export/rescues?\(query)&format=csv", regulator)
                #expect(export.status == .badRequest && export.headers[.contentType]?.hasPrefix("text/html") == true, "export \(query)")
            }
        }
    }

    /// Property managers and the public never see who the rescuer is or their phone.
    @Test func theRescuersNameAndPhoneStayWithStaff() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let ticket = try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: ByteBuffer(string: #"{"elevator": "N000614", "category": "alarm", "problem": "trapped", "text": "有人被困", "phone": "13900002222"}"#)
            ) { try #require(try $0.json()["ticket"] as? String) }
            let id = try #require(try await console.world.database.complaint(ticket: ticket)?.rescueID)
            let unitA = try await signIn(client, "unitA")
            let token = try await ConsoleRouteTests().csrf(client, unitA, "/console/rescues")
            let accepted = try await client.execute(
                uri: "/console/rescues/\(id)", method: .post, headers: unitA.form(),
                body: ByteBuffer(string: "do=accept&rescuer=救援员甲乙&phone=13700007777&csrf=\(token)"))
            #expect(accepted.status == .seeOther)
            let name = "救援员甲乙"
            let phone = "13700007777"
            // The public: the ticket page (HTML and JSON) and the label page say where it stands, not who.
            let page = try await client.execute(uri: "/T/\(ticket)", method: .get)
            #expect(page.text.contains("救援人员已接单") && page.text.contains("96333"))
            let json = try await client.execute(uri: "/T/\(ticket)", method: .get, headers: [.accept: "application/json"])
            let label = try await client.execute(uri: "/E/\(try console.world.path(console.world.current))", method: .get)
            for response in [page, json, label] {
                #expect(!response.text.contains(name) && !response.text.contains(phone))
            }
            // The property manager of the elevator: its screens hold neither.
            let property = try await signIn(client, "property")
            for path in ["/console/complaints", "/console/elevators", "/console/elevators/N000614", "/console/rescues", "/console/rescues/history"] {
                let response = try await get(client, path, property)
                #expect(!response.text.contains(name) && !response.text.contains(phone), "\(path)")
            }
            // The regulator sees who the rescuer is, not the phone; the unit sees both on its working list.
            let regulator = try await signIn(client, "regulator")
            let history = try await get(client, "/console/rescues/history", regulator)
            #expect(history.text.contains(name) && !history.text.contains(phone))
            #expect(!(try await get(client, "/console/export/rescues?format=csv", regulator)).text.contains(phone), "exports travel: no phones")
        }
    }
}
