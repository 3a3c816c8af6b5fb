import Foundation
import LiftCore
import Testing

@testable import LiftCrypto

@Suite struct KeyRingTests {
    let label = LabelID(number: NNumber(value: 6109)!, serial: 1)

    @Test func generateWritesAPrivateKeyOnlyItsOwnerCanRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let publicKey = try KeyRing.generate(id: "K1", in: directory.url)
        let ring = try KeyRing(directory: directory.url)
        #expect(ring.keyIDs == ["K1"])
        #expect(ring.publicKeys["K1"] == publicKey)
        #expect(ring.hasPrivateKey("K1"))
        #expect(try permissions(of: ring.privateKeyFile(for: "K1")) == 0o600)
        #expect(try String(contentsOf: ring.privateKeyFile(for: "K1"), encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try String(contentsOf: ring.publicKeyFile(for: "K1"), encoding: .utf8).hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
    }

    @Test func generateNeverOverwrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try KeyRing.generate(id: "K1", in: directory.url)
        #expect(throws: KeyError.keyExists(path: directory.url.appendingPathComponent("K1.key.pem").path)) {
            try KeyRing.generate(id: "K1", in: directory.url)
        }
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("K1.key.pem"))
        #expect(throws: KeyError.keyExists(path: directory.url.appendingPathComponent("K1.pub.pem").path)) {
            try KeyRing.generate(id: "K1", in: directory.url)
        }
        #expect(try KeyRing(directory: directory.url).publicKeys["K1"] == first)
    }

    @Test func generateRefusesABadKeyID() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for id in ["", "k1", "K12345", "K-1"] {
            #expect(throws: KeyError.invalidKeyID(id)) { try KeyRing.generate(id: id, in: directory.url) }
        }
    }

    @Test func aPrivateKeyReadableByOthersIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try KeyRing.generate(id: "K1", in: directory.url)
        let ring = try KeyRing(directory: directory.url)
        let file = ring.privateKeyFile(for: "K1")
        for mode: mode_t in [0o644, 0o640, 0o604] {
            chmod(file.path, mode)
            do {
                _ = try ring.signer(for: "K1")
                Issue.record("mode \(String(mode, radix: 8)) was accepted")
            } catch {
                #expect(error == .privateKeyTooOpen(path: file.path, mode: UInt32(mode) | 0o100000))
                #expect(error.description.contains("chmod 600 \(file.path)"))
                #expect(error.description.contains(String(mode, radix: 8)))
            }
        }
        chmod(file.path, 0o400)
        #expect(throws: Never.self) { try ring.signer(for: "K1") }
    }

    @Test func retiredKeysVerifyButDoNotSign() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try KeyRing.generate(id: "K1", in: directory.url)
        let code = try KeyRing(directory: directory.url).signer(for: "K1").code(baseURL: "HTTPS://LC.EXAMPLE.CN", label: label)

        let retired = try KeyRing(directory: directory.url, statuses: ["K1": .retired])
        #expect(retired.status(of: "K1") == .retired)
        #expect(LabelVerifier(signatures: retired).verify(code.text) { _ in false }.outcome == .genuine)
        #expect(throws: KeyError.keyRetired("K1")) { try retired.signer(for: "K1") }
        let reprinted = try retired.signer(for: "K1", reprinting: true).code(baseURL: "HTTPS://LC.EXAMPLE.CN", label: label)
        #expect(reprinted == code)
    }

    @Test func revokedKeysNeitherVerifyNorSign() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try KeyRing.generate(id: "K1", in: directory.url)
        let code = try KeyRing(directory: directory.url).signer(for: "K1").code(baseURL: "HTTPS://LC.EXAMPLE.CN", label: label)

        var ring = try KeyRing(directory: directory.url)
        ring.statuses["K1"] = .revoked
        #expect(ring.check(signature: code.signature, message: Array(code.prefix.utf8), keyID: "K1") == .revokedKey)
        let verdict = LabelVerifier(signatures: ring).verify(code.text) { _ in false }
        #expect(verdict.outcome == .counterfeit)
        #expect(verdict.reason.contains("revoked"))
        #expect(throws: KeyError.keyRevoked("K1")) { try ring.signer(for: "K1") }
        #expect(throws: KeyError.keyRevoked("K1")) { try ring.signer(for: "K1", reprinting: true) }
    }

    @Test func signingNeedsAKnownKeyAndItsPrivateHalf() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try KeyRing.generate(id: "K1", in: directory.url)
        try KeyRing.generate(id: "K2", in: directory.url)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("K2.key.pem"))
        let ring = try KeyRing(directory: directory.url)
        #expect(throws: KeyError.unknownKey("K3")) { try ring.signer(for: "K3") }
        #expect(throws: KeyError.noPrivateKey(id: "K2", path: ring.privateKeyFile(for: "K2").path)) { try ring.signer(for: "K2") }
        #expect(ring.check(signature: [UInt8](repeating: 0, count: 64), message: [1], keyID: "K9") == .unknownKey)
    }

    @Test func aPrivateKeyMustMatchItsPublicKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let other = try TemporaryDirectory()
        defer { other.remove() }
        try KeyRing.generate(id: "K1", in: directory.url)
        try KeyRing.generate(id: "K1", in: other.url)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("K1.pub.pem"))
        try FileManager.default.copyItem(
            at: other.url.appendingPathComponent("K1.pub.pem"), to: directory.url.appendingPathComponent("K1.pub.pem"))
        #expect(throws: KeyError.keyPairMismatch(id: "K1")) { try KeyRing(directory: directory.url).signer(for: "K1") }
    }

    @Test func loadingRefusesAMissingDirectoryAndBadFileNames() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.url.appendingPathComponent("nope")
        #expect(throws: KeyError.directoryNotFound(path: missing.path)) { try KeyRing(directory: missing) }
        try Data("x".utf8).write(to: directory.url.appendingPathComponent("key one.pub.pem"))
        #expect(throws: KeyError.invalidKeyFileName(path: directory.url.appendingPathComponent("key one.pub.pem").path)) {
            try KeyRing(directory: directory.url)
        }
    }
}
