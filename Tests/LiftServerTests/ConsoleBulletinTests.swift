import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import Testing

/// The regulator's bulletin screen: the API's figures, ranking and formula for the month picked
/// (the last full month by default), the district fixed by the account, the API's own downloads.
@Suite struct ConsoleBulletinTests {
    func get(_ client: some TestClientProtocol, _ uri: String, _ jar: CookieJar) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: jar.header)
    }

    @Test func theScreenShowsTheAPIsFiguresRankingAndFormula() async throws {
        let h = try await RescueHistoryWorld()
        let token = try await h.console.world.token(Account(id: 0, role: .regulator, district: "崇川区", createdAt: Date()))
        try await h.console.app().test(.router) { client in
            let regulator = CookieJar()
            try await ConsoleRouteTests().signIn(client, regulator, "regulator")
            // The last full month by default (today is 2026-11-25): October, one cancelled order.
            let october = try await get(client, "/console/bulletin", regulator)
            #expect(october.status == .ok)
            #expect(october.text.contains("崇川区 2026-10") && october.text.contains(#"value="2026-10""#))
            #expect(october.text.contains("1（取消 1）"))

            let page = try await get(client, "/console/bulletin?month=2026-11", regulator)
            #expect(page.status == .ok)
            let api = try await client.execute(uri: "/api/v1/regulator/bulletin?month=2026-11", method: .get, headers: .bearer(token))
            let bulletin = api.object
            let figures = try #require(bulletin["figures"] as? [String: Any])
            let rescues = try #require(figures["rescues"] as? Int)
            #expect(rescues == 4)
            #expect(page.text.contains("\(rescues)（取消 0）"))
            let average = try #require(figures["averageArrivalMinutes"] as? Double)
            let longest = try #require(figures["longestArrivalMinutes"] as? Double)
            #expect(page.text.contains("平均 \(String(format: "%.1f", average))，最长 \(String(format: "%.1f", longest))"))
            #expect(average == 25.17 && longest == 42, "13.5, 20 and 42 minutes")
            // The ranking in the API's order with its scores and stars.
            let units = try #require(bulletin["units"] as? [[String: Any]])
            #expect(units.count == 2)
            let rankingTable = try #require(page.text.range(of: #"<table id="ranking">"#))
            let ranked = page.text[rankingTable.lowerBound...].matches(of: /data-key="([^"]+)"/).prefix(units.count).map { String($0.output.1) }
            #expect(ranked == units.compactMap { $0["unit"] as? String })
            for unit in units {
                let score = try #require(unit["score"] as? Double)
                let stars = try #require(unit["stars"] as? Int)
                #expect(page.text.contains(">\(String(format: "%.1f", score))<"), "score of \(unit["unit"] ?? "")")
                #expect(page.text.contains(String(repeating: "★", count: stars) + String(repeating: "☆", count: 5 - stars)))
            }
            // The formula in words, with its terms.
            #expect(page.text.contains(try #require(bulletin["scoreFormula"] as? String)))
            #expect(page.text.contains("<dt>救援按时率</dt><dd>1 − 超时救援单数 ÷ 救援单数</dd>"))
            // The downloads are the API's own files.
            for format in ["csv", "xlsx"] {
                let mine = try await get(client, "/console/export/bulletin?month=2026-11&format=\(format)", regulator)
                let theirs = try await client.execute(uri: "/api/v1/regulator/bulletin?month=2026-11&format=\(format)", method: .get, headers: .bearer(token))
                #expect(mine.status == .ok && mine.headers[.contentDisposition] == theirs.headers[.contentDisposition])
                if format == "csv" { #expect(mine.text == theirs.text) }
                #expect(page.text.contains("/console/export/bulletin?format=\(format)&amp;month=2026-11"))
            }
            let english = try await get(client, "/console/bulletin?month=2026-11&lang=en", regulator)
            #expect(english.text.contains("Score formula") && english.text.contains("<dt>on-time rescues</dt><dd>1 − late orders ÷ orders</dd>"))
        }
    }

    @Test func theDistrictIsTheAccountsAndBadMonthsAreRefused() async throws {
        let h = try await RescueHistoryWorld()
        try await h.console.app().test(.router) { client in
            let regulator = CookieJar()
            try await ConsoleRouteTests().signIn(client, regulator, "regulator")
            let elsewhere = try await get(client, "/console/bulletin?month=2026-11&district=港闸区", regulator)
            #expect(elsewhere.status == .forbidden && elsewhere.text.contains("港闸区") && !elsewhere.text.contains(#"id="ranking""#))
            #expect(try await get(client, "/console/export/bulletin?month=2026-11&district=港闸区&format=csv", regulator).status == .forbidden)
            for query in ["month=2026-13", "month=November", "month=2026-11&bogus=1", "month=2026-11&format=xlsx", "month=2026-11&month=2026-10"] {
                let page = try await get(client, "/console/bulletin?\(query)", regulator)
                #expect(page.status == .badRequest, "\(query)")
                #expect(page.text.contains("条件有误") && page.text.contains(#"id="filters""#), "\(query)")
            }
            #expect(try await get(client, "/console/export/bulletin?month=2026-13&format=csv", regulator).status == .badRequest)
            // An admin names the district.
            let admin = CookieJar()
            try await ConsoleRouteTests().signIn(client, admin, "admin")
            #expect(try await get(client, "/console/bulletin", admin).status == .badRequest)
            let chosen = try await get(client, "/console/bulletin?district=崇川区&month=2026-11", admin)
            #expect(chosen.status == .ok && chosen.text.contains("4（取消 0）"))
            #expect(chosen.text.contains("/console/export/bulletin?district=%E5%B4%87%E5%B7%9D%E5%8C%BA&amp;format=csv&amp;month=2026-11"))
            // Units see no bulletin screen.
            let unit = CookieJar()
            try await ConsoleRouteTests().signIn(client, unit, "unitA")
            #expect(try await get(client, "/console/bulletin", unit).status == .forbidden)
            #expect(try await get(client, "/console/export/bulletin?month=2026-11&format=csv", unit).status == .forbidden)
        }
    }
}
