import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import Testing

@Suite struct AccountRouteTests {
    /// Files a complaint and returns its public id (what staff see; the ticket is the reporter's).
    func file(_ client: some TestClientProtocol, _ number: String, in world: TestWorld) async throws -> String {
        let ticket = try await client.execute(
            uri: "/api/v1/complaints", method: .post, headers: .json,
            body: ByteBuffer(string: #"{"elevator": "\#(number)", "category": "complaint", "problem": "noise", "phone": "13900001111"}"#)
        ) { try #require(try $0.json()["ticket"] as? String) }
        return try #require(try await world.database.complaint(ticket: ticket)?.publicID)
    }

    @Test func withoutAValidTokenIs401() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/complaints", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer("lc_not-a-token")) { response in
                #expect(response.status == .unauthorized)
                let json = try response.json()
                #expect(json["error"] != nil)
            }
        }
    }

    @Test func aRevokedTokenStopsWorking() async throws {
        let world = try await TestWorld()
        let token = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: Date()))
        let id = try await #require(try world.database.accounts().last?.id)
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .ok)
            }
            try await world.database.revokeAccount(id: id, at: Date())
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func maintainersSeeAndHandleOnlyTheirUnitsComplaints() async throws {
        let world = try await TestWorld()
        let unitA = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: Date()))
        let unitB = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitB, createdAt: Date()))
        let workerA = try await world.token(Account(id: 0, role: .worker, unit: TestWorld.unitA, workerLogin: "W0101", createdAt: Date()))
        try await world.app().test(.router) { client in
            let ticketA = try await file(client, "N000614", in: world)
            let ticketB = try await file(client, "N006109", in: world)
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(unitA)) { response in
                let tickets = try response.jsonArray().compactMap { $0["id"] as? String }
                #expect(tickets == [ticketA])
                #expect(response.array.first?["phone"] as? String == "13900001111", "the unit sees the reporter's phone")
            }
            try await client.execute(uri: "/api/v1/complaints", method: .get, headers: .bearer(workerA)) { response in
                let tickets = try response.jsonArray().compactMap { $0["id"] as? String }
                #expect(tickets == [ticketA])
            }
            try await client.execute(uri: "/api/v1/complaints/\(ticketB)/acknowledge", method: .post, headers: .bearer(unitA)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/complaints/\(ticketB)/acknowledge", method: .post, headers: .bearer(unitB)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/complaints/\(ticketA)/resolve", method: .post, headers: .bearer(workerA), body: ByteBuffer(string: #"{"resolution": ""}"#)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func propertyManagersSeeTheirElevatorsAndOthersAreRefused() async throws {
        let world = try await TestWorld()
        let property = try await world.token(Account(id: 0, role: .property, unit: "江苏坤园物业管理有限公司", createdAt: Date()))
        let worker = try await world.token(Account(id: 0, role: .worker, unit: TestWorld.unitA, workerLogin: "W0101", createdAt: Date()))
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/elevators", method: .get, headers: .bearer(property)) { response in
                #expect(response.status == .ok)
                let elevators = try response.jsonArray()
                #expect(elevators.compactMap { $0["number"] as? String } == ["N000614"])
                #expect(elevators.first?["status"] as? String == "current")
            }
            try await client.execute(uri: "/api/v1/elevators", method: .get, headers: .bearer(worker)) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}

@Suite struct Open311Tests {
    @Test func servicesCreateAndFollowARequest() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/open311/v2/services.json", method: .get) { response in
                let services = try response.jsonArray()
                #expect(services.compactMap { $0["service_code"] as? String } == ["complaint", "suggestion", "alarm"])
                #expect(services.first?["metadata"] as? Bool == false)
            }
            let id = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "service_code=alarm&address_id=N000614&description=%E6%8A%96%E5%8A%A8&phone=13900001111")
            ) { response in
                #expect(response.status == .created)
                return try #require(try response.jsonArray().first?["service_request_id"] as? String)
            }
            try await client.execute(uri: "/open311/v2/requests/\(id).json", method: .get) { response in
                let request = try #require(try response.jsonArray().first)
                #expect(request["status"] as? String == "open")
                #expect(request["agency_responsible"] as? String == TestWorld.unitA)
                #expect(request["service_code"] as? String == "alarm")
                #expect(request["address_id"] as? String == "N000614")
                #expect(request["phone"] == nil)
            }
            try await client.execute(uri: "/open311/v2/requests.json?address_id=N000614", method: .get) { response in
                let requests = try response.jsonArray()
                #expect(requests.count == 1)
            }
            try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "service_code=parking&address_id=N000614")
            ) { response in
                #expect(response.status == .badRequest)
                let failures = try response.jsonArray()
                #expect(failures.first?["code"] as? Int == 400)
            }
            try await client.execute(uri: "/open311/v2/requests/TNOPE.json", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
