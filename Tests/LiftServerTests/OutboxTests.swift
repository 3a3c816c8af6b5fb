import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import Logging
import NIOConcurrencyHelpers
import Testing

@Suite struct OutboxTests {
    /// A real webhook listener that fails its first request, then acknowledges.
    @Test func aFailedDeliveryIsRetriedUntilAcknowledged() async throws {
        let world = try await TestWorld()
        let received = NIOLockedValueBox<[String]>([])
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 65_536)
            let count = received.withLockedValue { calls in
                calls.append(String(buffer: body))
                return calls.count
            }
            return count == 1 ? .internalServerError : .ok
        }
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hook.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            try world.database.saveUnit(Organization(name: TestWorld.unitA, kind: .maintenance, phone: "0513-85123456", webhookURL: "http://127.0.0.1:\(port)/hook"))
            try await world.app().test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/complaints", method: .post, headers: .json,
                    body: ByteBuffer(string: #"{"elevator": "N000614", "category": "alarm", "problem": "shaking"}"#)
                ) { response in
                #expect(response.status == .created)
            }
            }
            let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
            let logger = Logger(label: "outbox-test")
            var worker = OutboxWorker(outbox: world.database, httpClient: httpClient, logger: logger, allowPrivateAddresses: true)
            // Times relative to the attempt, not the wall clock, so a slow machine cannot outrun the backoff.
            let attempted = Date()
            #expect(try await worker.deliverDue(now: attempted) == 0, "the listener answers 500 the first time")
            #expect(try await world.database.dueDeliveries(at: attempted.addingTimeInterval(1), limit: 10).isEmpty, "backing off")
            #expect(try await world.database.dueDeliveries(at: attempted.addingTimeInterval(3600), limit: 10).count == 1, "still queued")
            // A restart: a new worker finds the delivery in the database and retries it.
            worker = OutboxWorker(outbox: world.database, httpClient: httpClient, logger: logger, allowPrivateAddresses: true)
            #expect(try await worker.deliverDue(now: Date().addingTimeInterval(60)) == 1)
            #expect(try await world.database.dueDeliveries(at: Date().addingTimeInterval(86_400), limit: 10).isEmpty, "delivered once acknowledged")
            try await httpClient.shutdown()
            let bodies = received.withLockedValue { $0 }
            #expect(bodies.count == 2)
            #expect(bodies.allSatisfy { $0.contains("\"elevator\":\"N000614\"") && $0.contains("\"category\":\"alarm\"") })
        }
    }
}
