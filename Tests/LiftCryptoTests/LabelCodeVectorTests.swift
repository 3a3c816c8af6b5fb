import Foundation
import LiftCore
import Testing

@testable import LiftCrypto

@Suite struct LabelCodeVectorTests {
    let vectors: LabelCodeVectors
    let ring: KeyRing

    init() throws {
        vectors = try LabelCodeVectors.load()
        let k1 = try Ed25519PublicKey(pemRepresentation: try #require(vectors.keys["K1"]).public)
        ring = KeyRing(publicKeys: ["K1": k1], directory: URL(fileURLWithPath: "/nonexistent"))
    }

    /// The fixture is the shared vectors file byte for byte (its published SHA-256).
    @Test func theFixtureIsTheSharedVectorsFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/label-code-v1.json")
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(AccessToken.hash(text) == "09b3199960ce5957bd0df197de3470f195dcba79cbb152536cc63440b99d7569")
    }

    @Test func everyVectorHasItsOutcome() throws {
        #expect(vectors.cases.count >= 20)
        let verifier = LabelVerifier(signatures: ring)
        for vector in vectors.cases {
            let result = verifier.verify(vector.code) { _ in false }
            #expect(result.outcome.rawValue == vector.outcome, "\(vector.why): \(vector.code) gave \(result.outcome): \(result.reason)")
        }
    }

    @Test func theVectorPrivateKeyReproducesTheGenuineSignatures() throws {
        let key = try #require(vectors.keys["K1"])
        let privateKey = try Ed25519PrivateKey(pemRepresentation: key.privateForTestsOnly)
        #expect(try privateKey.publicKey == ring.publicKeys["K1"])
        let signer = try LabelSigner(keyID: "K1", privateKey: privateKey)
        for vector in vectors.cases where vector.outcome == "genuine" {
            let parsed = try LabelCode.parse(vector.code)
            let made = try signer.code(baseURL: parsed.baseURL, label: parsed.labelID)
            #expect(made.text == vector.code.trimmed.uppercased())
        }
    }

    @Test func pemTextRoundTrips() throws {
        let key = try #require(vectors.keys["K1"])
        let publicKey = try Ed25519PublicKey(pemRepresentation: key.public)
        #expect(try publicKey.pemRepresentation == key.public)
        let privateKey = try Ed25519PrivateKey(pemRepresentation: key.privateForTestsOnly)
        #expect(try privateKey.pemRepresentation == key.privateForTestsOnly)
        #expect(try Ed25519PublicKey(rawRepresentation: publicKey.rawRepresentation) == publicKey)
        #expect(publicKey.fingerprint.hasPrefix("SHA256:"))
    }

    @Test func garbageIsNotAKey() {
        #expect(throws: KeyError.self) { try Ed25519PublicKey(pemRepresentation: "hello") }
        #expect(throws: KeyError.self) { try Ed25519PrivateKey(pemRepresentation: "") }
        #expect(throws: KeyError.self) { try Ed25519PublicKey(rawRepresentation: [1, 2, 3]) }
    }
}
