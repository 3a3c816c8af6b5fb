import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import Logging
import Testing

/// Every message a passenger sees comes in the request's language, with the right words.
@Suite struct PassengerLanguageTests {
    func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func validationAndVerificationMessagesFollowTheRequestLanguage() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let badPhone = #"{"elevator": "N000614", "category": "complaint", "problem": "noise", "phone": "123"}"#
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: .json, body: body(badPhone)) { response in
                #expect(response.status == .badRequest)
                let message = (response.object["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("不是有效的手机号码"), "\(message)")
            }
            var english = HTTPFields.json
            english[.acceptLanguage] = "en"
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: english, body: body(badPhone)) { response in
                let message = (response.object["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("is not a mainland mobile number"), "\(message)")
            }
            // The label page's reason for a counterfeit, in Chinese by default and in English on request.
            let counterfeit = try world.counterfeitPath()
            try await client.execute(uri: "/E/\(counterfeit)", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("签名与标签内容不符"))
                #expect(!response.text.contains("signature does not match"))
            }
            try await client.execute(uri: "/E/\(counterfeit)?lang=en", method: .get) { response in
                #expect(response.text.contains("the signature does not match the label"))
            }
            // The page's form, filed in Chinese with a bad phone: a Chinese page says so.
            try await client.execute(
                uri: "/E/\(try world.path(world.current))/complaints", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "category=complaint&problem=noise&phone=123")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("不是有效的手机号码"))
            }
        }
    }

    @Test func theEnglishRateLimitMessageIsEnglish() async throws {
        let world = try await TestWorld()
        try await world.app(perClient: 1).test(.router) { client in
            var english = HTTPFields.json
            english[.acceptLanguage] = "en-GB,en;q=0.9"
            let complaint = #"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: english, body: body(complaint)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: english, body: body(complaint)) { response in
                #expect(response.status == .tooManyRequests)
                let message = (response.object["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("too many complaints"), "\(message)")
            }
        }
    }

    @Test func aTicketRoutedToTheRegulatorDoesNotSayMaintenanceUnit() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let ticket = try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: body(#"{"label": "\#(TestWorld.base)/E/\#(try world.counterfeitPath())", "category": "complaint", "problem": "damaged-label"}"#)
            ) { response in
                try #require(response.object["ticket"] as? String)
            }
            try await client.execute(uri: "/T/\(ticket)", method: .get) { response in
                #expect(response.text.contains("处理状态"))
                #expect(response.text.contains("崇川区市场监督管理局"))
                #expect(!response.text.contains("维保"), "a counterfeit report is the regulator's, not the maintenance unit's")
            }
            try await client.execute(uri: "/T/\(ticket)?lang=en", method: .get) { response in
                #expect(response.text.contains("Handled by"))
                #expect(!response.text.contains("已"), "no Chinese state names on the English page")
            }
        }
    }
}
