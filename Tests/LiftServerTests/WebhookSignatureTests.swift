import AsyncHTTPClient
import Foundation
import LiftTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import Logging
import NIOConcurrencyHelpers
import Testing

/// A unit's webhook receives each complaint signed with the unit's secret, and checks the
/// signature as the README tells it to, in Python, independently of liftcode's code.
@Suite struct WebhookSignatureTests {
    /// What a receiver got: its headers and the body's bytes.
    struct Delivery: Sendable {
        var timestamp: String?
        var signature: String?
        var body: [UInt8]
    }

    /// The README's verification, run by python3: exit 0 when the signature is right.
    static let verifier = """
        import hashlib, hmac, sys
        secret, timestamp, signature = sys.argv[1], sys.argv[2], sys.argv[3]
        body = sys.stdin.buffer.read()
        expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        sys.exit(0 if hmac.compare_digest(expected, signature) else 1)
        """

    /// Runs the Python check; true when it accepts.
    func pythonAccepts(secret: String, timestamp: String, signature: String, body: [UInt8]) async throws -> Bool {
        try await ChildProcess.run("python3", ["-c", Self.verifier, secret, timestamp, signature], input: Data(body)).status == 0
    }

    @Test func eachDeliveryCarriesAnHMACTheUnitCanCheck() async throws {
        let world = try await TestWorld()
        let received = NIOLockedValueBox<[Delivery]>([])
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 65_536)
            let delivery = Delivery(
                timestamp: request.headers[HTTPField.Name("X-Liftcode-Timestamp")!],
                signature: request.headers[HTTPField.Name("X-Liftcode-Signature")!],
                body: Array(body.readableBytesView))
            received.withLockedValue { $0.append(delivery) }
            return .ok
        }
        let secret = "s3cr3t-agreed-with-hongyang-0123456789abcdef"
        let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hook.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            // A test rig on loopback: the operator allows private addresses for it.
            _ = try await world.database.updateUnit(UnitUpdate(
                name: TestWorld.unitA, kind: .maintenance,
                webhook: .set(try WebhookEndpoint(validating: "http://127.0.0.1:\(port)/hook", allowPrivateAddresses: true)),
                secret: .set(try WebhookSecret(validating: secret))))
            try await world.app().test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/complaints", method: .post, headers: .json,
                    body: ByteBuffer(string: #"{"elevator": "N000614", "category": "complaint", "problem": "door", "text": "门关不上"}"#)
                ) { response in
                    #expect(response.status == .created)
                }
            }
            let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
            let worker = OutboxWorker(outbox: world.database, httpClient: httpClient, logger: Logger(label: "webhook-test"), allowPrivateAddresses: true)
            let delivered = try await worker.deliverDue(now: Date())
            try await httpClient.shutdown()
            #expect(delivered == 1)
        }
        let delivery = try #require(received.withLockedValue { $0 }.first)
        let timestamp = try #require(delivery.timestamp)
        let signature = try #require(delivery.signature)
        #expect(signature.hasPrefix("sha256=") && signature.count == 7 + 64)
        let sent = try #require(Double(timestamp))
        #expect(abs(sent - Date().timeIntervalSince1970) < 300, "a timestamp the receiver can hold against its clock")
        #expect(String(decoding: delivery.body, as: UTF8.self).contains("门关不上"))

        await #expect(try pythonAccepts(secret: secret, timestamp: timestamp, signature: signature, body: delivery.body))
        // A forger without the secret, a changed body or a replayed timestamp fails the check.
        await #expect(try !pythonAccepts(secret: secret + "x", timestamp: timestamp, signature: signature, body: delivery.body))
        var tampered = delivery.body
        tampered[tampered.count - 2] ^= 0x01
        await #expect(try !pythonAccepts(secret: secret, timestamp: timestamp, signature: signature, body: tampered))
        await #expect(try !pythonAccepts(secret: secret, timestamp: String(Int(sent) + 1), signature: signature, body: delivery.body))
    }

    @Test func aUnitGivenAWebhookWithoutASecretGetsOneSoNoDeliveryIsUnsigned() async throws {
        let world = try await TestWorld()
        let outcome = try await world.database.updateUnit(UnitUpdate(
            name: TestWorld.unitA, kind: .maintenance, webhook: .set(try WebhookEndpoint(validating: "https://hongyang.example/hook"))))
        let secret = try #require(outcome.generatedSecret)
        try await world.app().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: ByteBuffer(string: #"{"elevator": "N000614", "category": "alarm", "problem": "shaking"}"#)
            ) { #expect($0.status == .created) }
        }
        let queued = try #require(try await world.database.dueDeliveries(at: Date().addingTimeInterval(1), limit: 10).first)
        #expect(queued.url == "https://hongyang.example/hook")
        #expect(queued.secret == secret)
        // A new secret replaces it for deliveries still queued.
        let rotated = try await #require(try world.database.updateUnit(UnitUpdate(name: TestWorld.unitA, secret: .generate)).generatedSecret)
        #expect(rotated != secret)
        #expect(try await world.database.dueDeliveries(at: Date().addingTimeInterval(1), limit: 10).first?.secret == rotated)
    }
}
