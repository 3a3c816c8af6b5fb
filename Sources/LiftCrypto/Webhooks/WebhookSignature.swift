import COpenSSL
import Foundation
import LiftCore

/// Signs a webhook delivery so the unit can tell it from a forgery: HMAC-SHA256, keyed with the
/// unit's secret, over the timestamp, a dot and the body exactly as sent.
///
///     X-Liftcode-Timestamp: 1764034920
///     X-Liftcode-Signature: sha256=<64 hex digits of HMAC-SHA256(secret, "1764034920." + body)>
///
/// A receiver recomputes the HMAC, compares in constant time, and refuses a timestamp more than a
/// few minutes away from its clock (a replayed delivery); the ticket in the body (and the
/// Idempotency-Key header) tells repeats of one delivery apart.
public struct WebhookSignature: Sendable {
    public static let timestampHeader = "X-Liftcode-Timestamp"
    public static let signatureHeader = "X-Liftcode-Signature"

    let secret: WebhookSecret

    public init(secret: WebhookSecret) {
        self.secret = secret
    }

    /// The two headers for a body posted at `date`.
    public func headers(body: some Collection<UInt8>, at date: Date) -> [(name: String, value: String)] {
        let timestamp = String(Int64(date.timeIntervalSince1970.rounded(.down)))
        return [(Self.timestampHeader, timestamp), (Self.signatureHeader, "sha256=" + hexDigest(timestamp: timestamp, body: body))]
    }

    /// The lower-case hex HMAC-SHA256 of "<timestamp>.<body>".
    public func hexDigest(timestamp: String, body: some Collection<UInt8>) -> String {
        let message = Array(timestamp.utf8) + [UInt8(ascii: ".")] + Array(body)
        let key = Array(secret.value.utf8)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                _ = HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count), messageBytes.baseAddress, messageBytes.count, &digest, &length)
            }
        }
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: digest.prefix(Int(length)).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
    }
}
