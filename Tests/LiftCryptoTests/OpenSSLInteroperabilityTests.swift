import Foundation
import LiftCore
import Testing

@testable import LiftCrypto

/// Our keys and signatures against the `openssl` command line tool, which anyone can use to check a label.
@Suite struct OpenSSLInteroperabilityTests {
    @Test func signaturesAreByteIdenticalToOpenSSLPkeyutl() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try KeyRing.generate(id: "K7", in: directory.url)
        let ring = try KeyRing(directory: directory.url)
        let signer = try ring.signer(for: "K7")
        let code = try signer.code(baseURL: "HTTPS://LC.EXAMPLE.CN", label: LabelID(number: try NNumber(parsing: "N006109"), serial: 3))

        let message = directory.url.appendingPathComponent("prefix.txt")
        try Data(code.prefix.utf8).write(to: message)
        let signed = try await runOpenSSL([
            "pkeyutl", "-sign", "-rawin", "-inkey", ring.privateKeyFile(for: "K7").path, "-in", message.path,
        ])
        #expect(signed.status == 0)
        #expect(Array(signed.output) == code.signature)

        let signature = directory.url.appendingPathComponent("signature.bin")
        try Data(code.signature).write(to: signature)
        let verified = try await runOpenSSL([
            "pkeyutl", "-verify", "-pubin", "-inkey", ring.publicKeyFile(for: "K7").path, "-rawin",
            "-in", message.path, "-sigfile", signature.path,
        ])
        #expect(verified.status == 0)
    }

    @Test func openSSLReadsOurPEMFiles() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try KeyRing.generate(id: "K1", in: directory.url)
        let privateFile = directory.url.appendingPathComponent("K1.key.pem")
        let publicFile = directory.url.appendingPathComponent("K1.pub.pem")
        #expect(try await runOpenSSL(["pkey", "-in", privateFile.path, "-noout"]).status == 0)
        #expect(try await runOpenSSL(["pkey", "-pubin", "-in", publicFile.path, "-noout"]).status == 0)
        let derived = try await runOpenSSL(["pkey", "-in", privateFile.path, "-pubout"])
        #expect(String(decoding: derived.output, as: UTF8.self) == (try String(contentsOf: publicFile, encoding: .utf8)))
    }

    @Test func weReadOpenSSLGeneratedKeys() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let privateFile = directory.url.appendingPathComponent("K2.key.pem")
        let publicFile = directory.url.appendingPathComponent("K2.pub.pem")
        #expect(try await runOpenSSL(["genpkey", "-algorithm", "ed25519", "-out", privateFile.path]).status == 0)
        #expect(try await runOpenSSL(["pkey", "-in", privateFile.path, "-pubout", "-out", publicFile.path]).status == 0)
        chmod(privateFile.path, 0o600)
        let ring = try KeyRing(directory: directory.url)
        let signer = try ring.signer(for: "K2")
        let code = try signer.code(baseURL: "HTTPS://X.CN", label: LabelID(number: try NNumber(parsing: "N100001"), serial: 1))
        #expect(LabelVerifier(signatures: ring).verify(code.text) { _ in false }.outcome == .genuine)
    }
}
