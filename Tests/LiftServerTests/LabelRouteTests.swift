import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import Testing

@Suite struct LabelRouteTests {
    @Test func genuineCodeShowsTheElevatorInChinese() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/E/" + world.path(world.current), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                let page = response.text
                #expect(page.contains("正品标签"))
                #expect(page.contains("N000614"))
                #expect(page.contains("崇川区文峰街道紫东花苑沿街"))
                #expect(page.contains("正常"))
                #expect(page.contains("tel:13912345678"), "the worker's phone is a tel: link")
                #expect(page.contains("陈建章"))
                #expect(page.contains("tel:96333"))
                #expect(page.contains("PZAL2026000614"))
                #expect(page.contains("<form method=\"post\""))
                #expect(!page.contains("http://"), "no external assets")
            }
        }
    }

    @Test func englishByParameterOrHeader() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/E/" + world.path(world.current) + "?lang=en", method: .get) { response in
                #expect(response.text.contains("Genuine label"))
                #expect(response.text.contains("up to date"))
            }
            try await client.execute(uri: "/E/" + world.path(world.current), method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9"]) { response in
                #expect(response.text.contains("Genuine label"))
            }
        }
    }

    @Test func overdueStatusExpiredInsuranceAndPastInspectionAreRed() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/E/" + world.path(world.overdue, serial: 2), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("badge overdue\">超期"))
                #expect(response.text.contains("class=\"red\">2017-10-28"))
                #expect(response.text.contains("已过期"))
            }
            try await client.execute(uri: "/E/" + world.path(world.overdue, serial: 2), method: .get, headers: .json) { response in
                let json = try response.json()
                let elevator = try #require(json["elevator"] as? [String: Any])
                #expect(elevator["status"] as? String == "overdue")
                #expect(elevator["inspectionOverdue"] as? Bool == true)
                #expect((elevator["insurance"] as? [String: Any])?["expired"] as? Bool == true)
            }
        }
    }

    @Test func everyOutcomeHasItsStatus() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                (try world.path(world.current), .ok, "genuine"),
                (try world.counterfeitPath(), .forbidden, "counterfeit"),
                (try world.path(world.overdue, serial: 1), .gone, "revoked"),
                ("N006109-01-K1-ABC", .badRequest, "malformed"),
                (try world.path(world.unregistered), .notFound, "genuine"),
            ]
            for (path, status, outcome) in cases {
                try await client.execute(uri: "/E/" + path, method: .get, headers: .json) { response in
                    #expect(response.status == status, "\(outcome)")
                    #expect(response.object["outcome"] as? String == outcome)
                }
                try await client.execute(uri: "/E/" + path, method: .get) { response in
                    #expect(response.status == status)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                }
            }
            try await client.execute(uri: "/E/" + world.counterfeitPath(), method: .get) { response in
                #expect(response.text.contains("伪造标签"))
                #expect(!response.text.contains("紫东花苑"), "nothing of the registry under a counterfeit label")
                #expect(response.text.contains("举报伪造标签"))
            }
            try await client.execute(uri: "/E/" + world.path(world.overdue, serial: 1), method: .get) { response in
                #expect(response.text.contains("此标签已作废"))
            }
        }
    }

    @Test func lowerCaseCodesVerify() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/E/" + world.path(world.current).lowercased(), method: .get, headers: .json) { response in
                #expect(response.status == .ok)
                #expect(response.object["outcome"] as? String == "genuine")
            }
        }
    }

    @Test func classifiedElevatorsShowOnlyNumberStatusAndForm() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/E/" + world.path(world.classified), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("N000618"))
                #expect(!response.text.contains("秘密地址"))
                #expect(response.text.contains("不予公开"))
                #expect(response.text.contains("<form"))
            }
            try await client.execute(uri: "/E/" + world.path(world.classified), method: .get, headers: .json) { response in
                let elevator = try #require(try response.json()["elevator"] as? [String: Any])
                #expect(elevator["address"] == nil)
                #expect(elevator["classified"] as? Bool == true)
            }
        }
    }

    @Test func typedNumbersAreUnverified() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/elevators/000614", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.object["outcome"] as? String == "unverified")
            }
            try await client.execute(uri: "/api/v1/elevators/N999998", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/elevators/12345", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["outcome"] as? String == "malformed")
            }
        }
    }

    @Test func healthMetricsAndKeys() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/E/" + world.path(world.current), method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.text.contains("liftcode_label_verifications_total{outcome=\"genuine\"} 1"))
                #expect(response.text.contains("liftcode_http_requests_total"))
                #expect(response.text.contains("/E/{code}"))
            }
            try await client.execute(uri: "/api/v1/keys", method: .get) { response in
                let keys = try #require(try response.json()["keys"] as? [[String: Any]])
                #expect(keys.first?["id"] as? String == "K1")
                #expect((keys.first?["pem"] as? String)?.hasPrefix("-----BEGIN PUBLIC KEY-----") == true)
            }
        }
    }
}
