import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import Logging
import Testing

/// A server reached at one address verifies the labels printed for every base URL of its
/// deployment, and hands out links under its public address.
@Suite struct BaseURLTests {
    func app(_ world: TestWorld, base: String, others: [String], publicURL: String? = nil) -> some ApplicationProtocol {
        var configuration = ServerConfiguration(labelBaseURL: base, logRequests: false)
        configuration.otherLabelBaseURLs = others
        configuration.publicURL = publicURL
        let dependencies = ServerDependencies(
            registry: world.database, complaints: world.database, outbox: world.database, accounts: world.database,
            maintenance: world.database, supervision: world.database, signatures: world.keyRing, publicKeys: [],
            today: { TestWorld.today })
        return buildApplication(configuration, dependencies: dependencies, logger: Logger(label: "test"))
    }

    @Test func labelsOfEveryAcceptedBaseURLAreGenuine() async throws {
        let world = try await TestWorld()
        let path = try world.path(world.current)
        // Labels carry HTTP://LIFTCODE.TEST; this server's own address is another one.
        try await app(world, base: "HTTPS://LC.EXAMPLE.CN", others: []).test(.router) { client in
            try await client.execute(uri: "/E/\(path)", method: .get) { response in
                #expect(response.status == .forbidden, "a base URL the server does not accept: counterfeit")
            }
        }
        try await app(world, base: "HTTPS://LC.EXAMPLE.CN", others: [TestWorld.base]).test(.router) { client in
            try await client.execute(uri: "/E/\(path)", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/e/\(path.lowercased())", method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .ok, "a lower-case /e/ path is the same label")
                #expect(response.object["outcome"] as? String == "genuine")
            }
            // A forged signature stays counterfeit under every base URL.
            try await client.execute(uri: "/E/\(try world.counterfeitPath())", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func aFiledComplaintLinksToThePublicAddress() async throws {
        let world = try await TestWorld()
        try await app(world, base: TestWorld.base, others: [], publicURL: "https://lc.example.cn").test(.router) { client in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: ByteBuffer(string: #"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#)
            ) { response in
                let ticket = response.object["ticket"] as? String ?? "?"
                #expect(response.object["link"] as? String == "https://lc.example.cn/T/\(ticket)")
                #expect(response.object["url"] as? String == "/T/\(ticket)")
            }
        }
    }

    @Test func frameworkErrorsGetABodySayingWhatIsWrong() async throws {
        let world = try await TestWorld()
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/nothing?x=%ZZ", method: .get) { response in
                #expect(response.status == .notFound)
                #expect((response.object["error"] as? [String: Any])?["code"] as? String == "not-found", "\(response.text)")
            }
        }
    }
}
