import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// 7 and 8: webhooks follow no redirect, reach no internal address unless allowed, and one hung
/// unit delays nobody else, nor the server's shutdown.
@Suite struct OutboxSafetyTests {
    func fileAlarm(_ world: TestWorld, _ number: String) async throws {
        try await world.app().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: ByteBuffer(string: #"{"elevator": "\#(number)", "category": "alarm", "problem": "shaking"}"#)
            ) { response in
                #expect(response.status == .created)
            }
        }
    }

    @Test func aRedirectIsAFailedAttemptAndIsNotFollowed() async throws {
        let world = try await TestWorld()
        let followed = NIOLockedValueBox(0)
        let router = Router()
        router.post("/hook") { _, _ -> Response in
            Response(status: .movedPermanently, headers: [.location: "/elsewhere"])
        }
        router.on("/elsewhere", method: .get) { _, _ -> HTTPResponse.Status in
            followed.withLockedValue { $0 += 1 }
            return .ok
        }
        router.post("/elsewhere") { _, _ -> HTTPResponse.Status in
            followed.withLockedValue { $0 += 1 }
            return .ok
        }
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hook.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            try world.database.saveUnit(Organization(name: TestWorld.unitA, kind: .maintenance, webhookURL: "http://127.0.0.1:\(port)/hook"))
            try await fileAlarm(world, "N000614")
            let httpClient = OutboxWorker.makeHTTPClient()
            let worker = OutboxWorker(outbox: world.database, httpClient: httpClient, logger: Logger(label: "test"), allowPrivateAddresses: true)
            let attempted = Date()
            #expect(try await worker.deliverDue(now: attempted) == 0, "a 301 is not an acknowledgement")
            try await httpClient.shutdown()
            #expect(followed.withLockedValue { $0 } == 0, "the redirect was not followed")
            #expect(try await world.database.dueDeliveries(at: attempted.addingTimeInterval(3600), limit: 10).count == 1, "still queued")
        }
    }

    @Test func internalAddressesAreRefusedUnlessTheOperatorAllowsThem() async throws {
        let world = try await TestWorld()
        let received = NIOLockedValueBox(0)
        let router = Router()
        router.post("/hook") { _, _ -> HTTPResponse.Status in
            received.withLockedValue { $0 += 1 }
            return .ok
        }
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hook.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            try world.database.saveUnit(Organization(name: TestWorld.unitA, kind: .maintenance, webhookURL: "http://127.0.0.1:\(port)/hook"))
            try world.database.saveUnit(Organization(name: TestWorld.unitB, kind: .maintenance, webhookURL: "http://localhost:\(port)/hook"))
            try await fileAlarm(world, "N000614")
            try await fileAlarm(world, "N006109")
            let httpClient = OutboxWorker.makeHTTPClient()
            defer { _ = httpClient.shutdown() }
            let strict = OutboxWorker(outbox: world.database, httpClient: httpClient, logger: Logger(label: "test"))
            #expect(try await strict.deliverDue(now: Date()) == 0)
            #expect(received.withLockedValue { $0 } == 0, "nothing was sent to a loopback address")
            // A public-looking name that resolves to an internal address is refused as well.
            try world.database.saveUnit(Organization(name: TestWorld.unitB, kind: .maintenance, webhookURL: "http://hooks.example.cn:\(port)/hook"))
            let rebinding = OutboxWorker(
                outbox: world.database, httpClient: httpClient, logger: Logger(label: "test"), resolve: { _ in [IPAddress("10.1.2.3")!] })
            try await fileAlarm(world, "N006109")
            #expect(try await rebinding.deliverDue(now: Date().addingTimeInterval(7200)) == 0)
            #expect(received.withLockedValue { $0 } == 0)
            let allowed = OutboxWorker(outbox: world.database, httpClient: httpClient, logger: Logger(label: "test"), allowPrivateAddresses: true)
            #expect(try await allowed.deliverDue(now: Date().addingTimeInterval(7200)) >= 1, "the operator's flag lets it through")
            #expect(received.withLockedValue { $0 } >= 1)
        }
    }

    @Test func aHungWebhookDelaysOnlyItsOwnUnitAndNotTheShutdown() async throws {
        let world = try await TestWorld()
        // Unit A's webhook accepts connections and never answers.
        let hung = try HungListener()
        defer { hung.close() }
        let received = NIOLockedValueBox<[String]>([])
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 65_536)
            received.withLockedValue { $0.append(String(buffer: body)) }
            return .ok
        }
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hook.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            try world.database.saveUnit(Organization(name: TestWorld.unitA, kind: .maintenance, webhookURL: "http://127.0.0.1:\(hung.port)/hook"))
            try world.database.saveUnit(Organization(name: TestWorld.unitB, kind: .maintenance, webhookURL: "http://127.0.0.1:\(port)/hook"))
            for _ in 0..<3 { try await fileAlarm(world, "N000614") }
            try await fileAlarm(world, "N006109")

            let httpClient = OutboxWorker.makeHTTPClient()
            // A timeout far longer than the test waits: only independence can deliver unit B in time.
            let worker = OutboxWorker(
                outbox: world.database, httpClient: httpClient, logger: Logger(label: "test"), pollInterval: .milliseconds(50),
                timeout: .seconds(120), allowPrivateAddresses: true)
            let group = ServiceGroup(services: [worker], logger: Logger(label: "test"))
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Unit B's alarm arrives while unit A's first delivery still hangs.
                while received.withLockedValue({ $0.isEmpty }) && ContinuousClock.now - started < .seconds(60) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(received.withLockedValue { $0.count } == 1)
                #expect(ContinuousClock.now - started < .seconds(60))
                // SIGTERM: the server stops at once, not after unit A's timeout.
                let stopping = ContinuousClock.now
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                #expect(ContinuousClock.now - stopping < .seconds(30), "shutdown does not wait for a hung webhook")
            }
            try await httpClient.shutdown()
            // Unit A's three complaints are still queued for the next start.
            let pending = try await world.database.dueDeliveries(at: Date().addingTimeInterval(86_400), limit: 10)
            #expect(pending.count == 3)
            #expect(pending.allSatisfy { $0.url.contains(":\(hung.port)/") })
        }
    }
}

/// A TCP listener that accepts connections into its backlog and never reads or answers.
final class HungListener: @unchecked Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            _ = Glibc.close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}
