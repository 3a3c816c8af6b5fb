import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import Testing

/// The admin routes: units' phones and webhooks, and the insurance, units and workers files, for
/// an admin account only; what they load shows on the label page.
@Suite struct AdminRouteTests {
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func admin(_ world: TestWorld) async throws -> String { try await world.token(Account(id: 0, role: .admin, createdAt: Date())) }

    func headers(_ token: String, contentType: String = "text/csv") -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: contentType, .accept: "application/json"]
    }

    @Test func onlyAnAdminMayUseThem() async throws {
        let world = try await TestWorld()
        let maintainer = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: Date()))
        let regulator = try await world.token(Account(id: 0, role: .regulator, district: "崇川区", createdAt: Date()))
        try await world.app().test(.router) { client in
            for (uri, body) in [
                ("/api/v1/admin/units", #"{"name": "南通弘扬电梯安装有限公司", "webhook": "https://evil.example/"}"#),
                ("/api/v1/admin/imports/units", "单位名称,单位类型,推送地址\n南通弘扬电梯安装有限公司,维保单位,https://evil.example/\n"),
            ] {
                try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: body)) { #expect($0.status == .unauthorized) }
                for token in [maintainer, regulator] {
                    try await client.execute(uri: uri, method: .post, headers: .bearer(token), body: ByteBuffer(string: body)) { response in
                        #expect(response.status == .forbidden)
                        #expect((response.object["error"] as? [String: Any])?["code"] as? String == "forbidden")
                    }
                }
            }
            try await client.execute(uri: "/api/v1/admin/units", method: .get, headers: .bearer(maintainer)) { #expect($0.status == .forbidden) }
        }
        #expect(try await world.database.unit(named: TestWorld.unitA, kind: .maintenance)?.webhookURL == nil, "nothing changed")
    }

    @Test func anAdminSetsAUnitsPhoneAndWebhookAndThePageShowsThePhone() async throws {
        let world = try await TestWorld()
        let token = try await admin(world)
        try await world.app().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/admin/units", method: .post, headers: .bearer(token),
                body: ByteBuffer(string: #"{"name": "\#(TestWorld.unitA)", "phone": "0513-80001234", "webhook": "https://hongyang.example/hook"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                let json = response.object
                #expect(json["phone"] as? String == "0513-80001234")
                #expect(json["webhook"] as? String == "https://hongyang.example/hook")
                let secret = try #require(json["webhookSecret"] as? String, "a secret is made for a new webhook and shown once")
                #expect(try world.database.webhookSecret(ofUnit: TestWorld.unitA, kind: .maintenance)?.value == secret)
            }
            try await client.execute(uri: "/E/" + world.path(world.current), method: .get, headers: .json) { response in
                let elevator = try #require(response.object["elevator"] as? [String: Any])
                #expect(elevator["maintenanceUnitPhone"] as? String == "0513-80001234")
            }
            try await client.execute(uri: "/E/" + world.path(world.current), method: .get) { response in
                #expect(response.text.contains("tel:0513-80001234"))
            }
            // Setting the phone again makes no new secret, and the listing never shows one.
            try await client.execute(
                uri: "/api/v1/admin/units", method: .post, headers: .bearer(token),
                body: ByteBuffer(string: #"{"name": "\#(TestWorld.unitA)", "phone": "0513-80001235"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.object["webhookSecret"] == nil)
            }
            try await client.execute(uri: "/api/v1/admin/units?kind=maintenance", method: .get, headers: .bearer(token)) { response in
                let unit = try #require(response.array.first { $0["name"] as? String == TestWorld.unitA })
                #expect(unit["hasWebhookSecret"] as? Bool == true)
                #expect(!response.text.contains("webhookSecret\""))
            }
        }
    }

    @Test(arguments: [
        (#"{"name": "南通弘扬电梯安装有限公司", "webhook": "http://127.0.0.1:8080/admin"}"#, "webhook", 400),
        (#"{"name": "南通弘扬电梯安装有限公司", "webhook": "http://[::1]/"}"#, "webhook", 400),
        (#"{"name": "南通弘扬电梯安装有限公司", "phone": "call me"}"#, "phone", 400),
        (#"{"name": "南通弘扬电梯安装有限公司", "webhookSecret": "short"}"#, "webhookSecret", 400),
        (#"{"name": "无名电梯公司", "phone": "0513-80001234"}"#, nil, 404),
        (#"{"name": "新单位", "create": true}"#, "kind", 400),
    ])
    func aBadUnitRequestSaysWhatIsWrong(body: String, field: String?, status: Int) async throws {
        let world = try await TestWorld()
        let token = try await admin(world)
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/admin/units", method: .post, headers: .bearer(token), body: ByteBuffer(string: body)) { response in
                #expect(response.status.code == status)
                let error = response.object["error"] as? [String: Any]
                #expect(error?["field"] as? String == field)
                #expect((error?["message"] as? String)?.isEmpty == false)
            }
        }
        #expect(try await world.database.unit(named: TestWorld.unitA, kind: .maintenance)?.phone == "0513-85123456", "unchanged")
    }

    @Test func anUploadedInsuranceFileShowsThePolicyInForceOnThePage() async throws {
        let world = try await TestWorld()
        let token = try await admin(world)
        // N000614 already has PZAL2026000614; add last year's and next year's.
        let file = """
            电梯编号,保险公司,保单号,险种,保险金额,保险起期,保险止期,理赔电话
            N000614,中国平安财产保险,P-2025,电梯安全责任险,100万元,2025-08-01,2026-07-31,95511
            N000614,中国平安财产保险,P-2027,电梯安全责任险,100万元,2027-08-01,2028-07-31,95511
            N000614,中国人民财产保险,PZAL2026000614,电梯安全责任险,100万元,2026-08-17,2027-08-16,95518
            """
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/admin/imports/insurance", method: .post, headers: headers(token), body: ByteBuffer(string: file)) { response in
                #expect(response.status == .ok)
                let json = response.object
                #expect(json["rows"] as? Int == 3)
                #expect(json["inserted"] as? Int == 2 && json["updated"] as? Int == 1, "PZAL2026000614 replaced")
            }
            try await client.execute(uri: "/E/" + world.path(world.current), method: .get, headers: .json) { response in
                let insurance = try #require((response.object["elevator"] as? [String: Any])?["insurance"] as? [String: Any])
                #expect(insurance["policyNumber"] as? String == "PZAL2026000614", "in force on 2026-11-25")
                #expect(insurance["validFrom"] as? String == "2026-08-17", "the replaced policy's dates")
                #expect(insurance["expired"] as? Bool == false)
            }
        }
    }

    @Test func aBadUploadedFileNamesItsLineAndWritesNothing() async throws {
        let world = try await TestWorld()
        let token = try await admin(world)
        let file = """
            登录账号,姓名,手机号,维保单位
            W0301,朱圣兵,13612345678,南通弘扬电梯安装有限公司
            W0302,卜谢真,13512345678,无名电梯公司
            """
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/admin/imports/workers", method: .post, headers: headers(token), body: ByteBuffer(string: file)) { response in
                #expect(response.status == .badRequest)
                let error = try #require(response.object["error"] as? [String: Any])
                #expect(error["code"] as? String == "bad-row")
                let message = try #require(error["message"] as? String)
                #expect(message.hasPrefix("line 3: ") && message.contains("无名电梯公司") && message.hasSuffix("nothing was imported"))
            }
            try await client.execute(uri: "/api/v1/admin/imports/passports", method: .post, headers: headers(token), body: ByteBuffer(string: file)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/admin/imports/workers?format=pdf", method: .post, headers: headers(token), body: ByteBuffer(string: file)) { response in
                #expect(response.status == .badRequest)
                #expect((response.object["error"] as? [String: Any])?["field"] as? String == "format")
            }
            try await client.execute(uri: "/api/v1/admin/imports/workers", method: .post, headers: headers(token), body: ByteBuffer()) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try await world.database.worker(login: "W0301") == nil)
    }

    @Test func anInsurersWorkbookUploadsAsXLSX() async throws {
        let world = try await TestWorld()
        let token = try await admin(world)
        let workbook = try Data(contentsOf: Self.project.appendingPathComponent("Tests/Fixtures/insurance.xlsx"))
        // The fixture names N000614 by its registration code (30103206012014091551).
        _ = try await world.database.upsert([
            Elevator(number: world.current, registrationCode: "30103206012014091551", address: "崇川区文峰街道紫东花苑沿街", district: "崇川区", maintenanceUnit: TestWorld.unitA),
            Elevator(number: world.overdue, registrationCode: "30203206112014120104", address: "崇川区钟通甲路6号紫东世纪", district: "崇川区", maintenanceUnit: TestWorld.unitB),
        ])
        try await world.app().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/admin/imports/insurance", method: .post,
                headers: headers(token, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                body: ByteBuffer(bytes: workbook)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.object["inserted"] as? Int == 2)
            }
        }
        #expect(try world.database.insurancePolicies(for: world.current).contains { $0.policyNumber == "10515003900275612027" })
    }
}
