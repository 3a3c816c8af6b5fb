import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import Testing

@Suite struct ComplaintRouteTests {
    func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func aComplaintIsRoutedToTheMaintenanceUnitAndItsWorker() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let code = try world.code(world.current)
            let ticket = try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: body(#"{"label": "\#(code)", "category": "complaint", "problem": "noise", "text": "轿厢异响", "phone": "13900001111"}"#)
            ) { response in
                #expect(response.status == .created)
                let json = try response.json()
                #expect(json["routedTo"] as? String == TestWorld.unitA)
                #expect(json["status"] as? String == "routed")
                return try #require(json["ticket"] as? String)
            }
            let stored = try #require(try await world.database.complaint(ticket: ticket))
            #expect(stored.routedWorker == "W0101")
            #expect(stored.verification == .genuine)
            #expect(stored.label == LabelID(number: world.current, serial: 1))
            try await client.execute(uri: "/T/\(ticket)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(ticket))
                #expect(response.text.contains("已转交") && response.text.contains(TestWorld.unitA))
                #expect(!response.text.contains("13900001111"), "phone numbers are never shown on the ticket page")
            }
            try await client.execute(uri: "/T/\(ticket)", method: .get, headers: .json) { response in
                #expect(!response.text.contains("13900001111"))
                #expect(response.object["status"] as? String == "routed")
            }
        }
    }

    @Test func aCounterfeitLabelGoesToTheDistrictRegulator() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: body(#"{"label": "\#(TestWorld.base)/E/\#(try world.counterfeitPath())", "category": "complaint", "problem": "damaged-label"}"#)
            ) { response in
                #expect(response.status == .created)
                #expect(response.object["routedTo"] as? String == "崇川区市场监督管理局")
            }
        }
    }

    @Test func validationErrorsNameTheField() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let cases: [(String, String)] = [
                (#"{"elevator": "N000614", "category": "complaint"}"#, "text"),
                (#"{"elevator": "N000614", "category": "complaint", "problem": "noise", "phone": "123"}"#, "phone"),
                (#"{"elevator": "N000614", "category": "grumble", "problem": "noise"}"#, "category"),
                (#"{"elevator": "N000614", "category": "complaint", "text": "\#(String(repeating: "电", count: 501))"}"#, "text"),
                (#"{"elevator": "N0614", "category": "complaint", "problem": "noise"}"#, "elevator"),
                (#"{"category": "complaint", "problem": "noise"}"#, "label"),
                (#"{"label": "HELLO", "category": "complaint", "problem": "noise"}"#, "label"),
                (#"{"elevator": "N000614", "problem": "noise"}"#, "category"),
            ]
            for (json, field) in cases {
                try await client.execute(uri: "/api/v1/complaints", method: .post, headers: .json, body: body(json)) { response in
                    #expect(response.status == .badRequest, "\(field)")
                    let error = try #require(try response.json()["error"] as? [String: Any])
                    #expect(error["field"] as? String == field)
                    #expect((error["message"] as? String)?.isEmpty == false)
                }
            }
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: .json, body: body("not json")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json, body: body(#"{"elevator": "N999998", "category": "complaint", "problem": "noise"}"#)
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json, body: ByteBuffer(repeating: UInt8(ascii: " "), count: 20_000)
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func theFormFilesAndRedirectsToTheTicket() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            let path = try world.path(world.current)
            let location = try await client.execute(
                uri: "/E/\(path)/complaints", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("category=alarm&problem=shaking&text=%E6%8A%96%E5%8A%A8%3Cscript%3E&phone=&lang=zh")
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            #expect(location.hasPrefix("/T/T"))
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.text.contains("抖动&lt;script&gt;"), "HTML is escaped")
                #expect(!response.text.contains("<script>"))
            }
            try await client.execute(
                uri: "/E/\(path)/complaints", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("category=complaint&problem=&text=&phone=")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
    }

    @Test func behindATrustedProxyEachForwardedClientHasItsOwnLimit() async throws {
        let world = try await TestWorld()
        @Sendable func file(_ client: any TestClientProtocol, forwardedFor: String?) async throws -> HTTPResponse.Status {
            var headers: HTTPFields = .json
            if let forwardedFor { headers[.init("X-Forwarded-For")!] = forwardedFor }
            return try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: headers,
                body: body(#"{"elevator": "N000614", "category": "suggestion", "problem": "other"}"#)
            ) { $0.status }
        }
        var configuration = world.configuration(perClient: 2, perElevator: nil)
        configuration.trustedProxies = [IPAddress("127.0.0.1")!]
        // The live client connects from 127.0.0.1: the trusted proxy.
        try await world.app(configuration: configuration).test(.live) { client in
            var status: HTTPResponse.Status
            status = try await file(client, forwardedFor: "203.0.113.5")
            #expect(status == .created)
            status = try await file(client, forwardedFor: "203.0.113.5")
            #expect(status == .created)
            status = try await file(client, forwardedFor: "203.0.113.5")
            #expect(status == .tooManyRequests)
            status = try await file(client, forwardedFor: "203.0.113.6")
            #expect(status == .created, "another passenger behind the proxy")
            // What a client writes before the proxy's own entry is not believed.
            status = try await file(client, forwardedFor: "198.51.100.1, 203.0.113.5")
            #expect(status == .tooManyRequests)
            status = try await file(client, forwardedFor: "198.51.100.1, 203.0.113.6, 127.0.0.1")
            #expect(status == .created, "a chain of trusted proxies is skipped")
            // No header, or one that is not an address: the proxy itself is the client.
            status = try await file(client, forwardedFor: nil)
            #expect(status == .created)
            status = try await file(client, forwardedFor: "<script>")
            #expect(status == .created)
            status = try await file(client, forwardedFor: "")
            #expect(status == .tooManyRequests)
        }
        // Without --trusted-proxy the header is ignored: every request here is 127.0.0.1.
        try await world.app(configuration: world.configuration(perClient: 2, perElevator: nil)).test(.live) { client in
            var status: HTTPResponse.Status
            status = try await file(client, forwardedFor: "203.0.113.7")
            #expect(status == .created)
            status = try await file(client, forwardedFor: "203.0.113.8")
            #expect(status == .created)
            status = try await file(client, forwardedFor: "203.0.113.9")
            #expect(status == .tooManyRequests)
        }
        // An IPv6 client counts by its /64: a subscriber's network cannot rotate addresses for
        // fresh budgets; the next network has its own.
        try await world.app(configuration: configuration).test(.live) { client in
            var status: HTTPResponse.Status
            status = try await file(client, forwardedFor: "2001:db8:1:2::1")
            #expect(status == .created)
            status = try await file(client, forwardedFor: "2001:db8:1:2:aaaa:bbbb:cccc:dddd")
            #expect(status == .created)
            status = try await file(client, forwardedFor: "2001:db8:1:2:ffff::9")
            #expect(status == .tooManyRequests, "a third address of the same /64")
            status = try await file(client, forwardedFor: "2001:db8:1:3::1")
            #expect(status == .created, "another /64")
        }
    }

    @Test func filingIsRateLimitedPerClientAndPerElevator() async throws {
        let world = try await TestWorld()
        try await world.app(perClient: 2, perElevator: nil).test(.router) { client in
            for expected in [HTTPResponse.Status.created, .created, .tooManyRequests] {
                try await client.execute(
                    uri: "/api/v1/complaints", method: .post, headers: .json, body: body(#"{"elevator": "N000614", "category": "suggestion", "problem": "other"}"#)
                ) { response in
                    #expect(response.status == expected)
                    if expected == .tooManyRequests { #expect(response.text.contains("96333")) }
                }
            }
        }
        try await world.app(perClient: nil, perElevator: 1).test(.router) { client in
            // One client counts once per elevator (PrivacyAndAbuseTests shows the limit across clients).
            for (number, expected) in [("N000614", HTTPResponse.Status.created), ("N000614", .created), ("N006109", .created)] {
                try await client.execute(
                    uri: "/api/v1/complaints", method: .post, headers: .json, body: body(#"{"elevator": "\#(number)", "category": "complaint", "problem": "noise"}"#)
                ) { response in
                    #expect(response.status == expected)
                }
            }
        }
    }

    @Test func feedbackClosesAResolvedComplaint() async throws {
        let world = try await TestWorld()
        let token = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: Date()))
        try await world.app().test(.router) { client in
            let ticket = try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json, body: body(#"{"elevator": "N000614", "category": "complaint", "problem": "buttons"}"#)
            ) { try #require(try $0.json()["ticket"] as? String) }
            // Staff name a complaint by its public id; the ticket stays the reporter's.
            let id = try #require(try await world.database.complaint(ticket: ticket)?.publicID)
            try await client.execute(uri: "/T/\(ticket)/feedback", method: .post, headers: .json, body: body(#"{"satisfied": true}"#)) { response in
                #expect(response.status == .conflict, "not resolved yet")
            }
            try await client.execute(uri: "/api/v1/complaints/\(id)/acknowledge", method: .post, headers: .bearer(token)) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "acknowledged")
            }
            try await client.execute(
                uri: "/api/v1/complaints/\(id)/resolve", method: .post, headers: .bearer(token), body: body(#"{"resolution": "已更换按钮"}"#)
            ) { response in
                #expect(response.object["status"] as? String == "resolved")
            }
            try await client.execute(uri: "/T/\(ticket)", method: .get) { response in
                #expect(response.text.contains("已更换按钮"))
                #expect(response.text.contains("/T/\(ticket)/feedback"))
            }
            try await client.execute(
                uri: "/T/\(ticket)/feedback", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: body("satisfied=true")
            ) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await world.database.complaint(ticket: ticket)?.state == .closed)
            #expect(try await world.database.complaint(ticket: ticket)?.satisfied == true)
        }
    }
}
