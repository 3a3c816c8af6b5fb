import Foundation
import LiftCore
import Testing

@testable import LiftCrypto

@Suite struct WebhookSignatureTests {
    /// The value `openssl dgst -sha256 -hmac` and Python's hmac give for the same key and message.
    @Test func matchesOpenSSLsCommandLine() throws {
        let signature = WebhookSignature(secret: try WebhookSecret(validating: "0123456789abcdef0123456789abcdef"))
        let body = Array(#"{"ticket":"T1","text":"门关不上"}"#.utf8)
        #expect(signature.hexDigest(timestamp: "1764034920", body: body) == "a0243c5e3b52b12f2b5b4927a69bbb6bf15a4b1829c7adae623f286f13ff6a7c")
        let headers = signature.headers(body: body, at: Date(timeIntervalSince1970: 1_764_034_920.9))
        #expect(headers.map(\.name) == ["X-Liftcode-Timestamp", "X-Liftcode-Signature"])
        #expect(headers[0].value == "1764034920")
        #expect(headers[1].value == "sha256=a0243c5e3b52b12f2b5b4927a69bbb6bf15a4b1829c7adae623f286f13ff6a7c")
    }

    @Test func secretsAreLongRandomAndNeverPrinted() throws {
        let one = WebhookSecret.generate()
        let two = WebhookSecret.generate()
        #expect(one.value.count == 64 && one.value.allSatisfy(\.isHexDigit))
        #expect(one != two)
        #expect(!"\(one)".contains(one.value), "a secret never reaches a log through interpolation")
        #expect(throws: WebhookSecretError.length(5)) { try WebhookSecret(validating: "short") }
        #expect(throws: WebhookSecretError.notPrintable) { try WebhookSecret(validating: "secret with spaces inside it 0123456789") }
        #expect(try WebhookSecret(validating: "  0123456789abcdef0123456789abcdef\n").value == "0123456789abcdef0123456789abcdef")
    }
}
