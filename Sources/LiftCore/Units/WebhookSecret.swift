/// The secret a unit shares with liftcode to tell its deliveries from forgeries: every webhook post
/// carries an HMAC-SHA256 of its timestamp and body keyed with it (see `WebhookSignature`).
///
/// Stored in the database, never shown by `units list` or any answer after the one that made it.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    /// The secret's text; its UTF-8 bytes are the HMAC key.
    public let value: String

    /// Shortest and longest secret accepted (a generated one has 64 characters).
    public static let lengths = 32...256

    /// Checks a secret an operator gives: 32 to 256 printable ASCII characters, no spaces.
    public init(validating text: String) throws(WebhookSecretError) {
        let trimmed = text.trimmed
        guard trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { throw .notPrintable }
        guard Self.lengths.contains(trimmed.utf8.count) else { throw .length(trimmed.utf8.count) }
        value = trimmed
    }

    /// A fresh secret: 256 random bits from the system's cryptographic generator, as 64 hex digits.
    public static func generate() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        var digits: [UInt8] = []
        for _ in 0..<4 {
            var word = generator.next() as UInt64
            for _ in 0..<16 {
                digits.append(hex[Int(word & 15)])
                word >>= 4
            }
        }
        return WebhookSecret(unchecked: String(decoding: digits, as: UTF8.self))
    }

    /// A secret read back from storage, where only checked or generated secrets are written.
    public init(unchecked value: String) {
        self.value = value
    }

    /// Never the secret itself, so it cannot end up in a log by accident.
    public var description: String { "WebhookSecret(\(value.utf8.count) characters)" }
}

/// Why a webhook secret was refused.
public enum WebhookSecretError: Error, Sendable, Equatable, CustomStringConvertible {
    case notPrintable
    case length(Int)

    public var description: String {
        switch self {
        case .notPrintable: "a webhook secret must be printable ASCII characters without spaces"
        case .length(let count): "a webhook secret must be \(WebhookSecret.lengths.lowerBound) to \(WebhookSecret.lengths.upperBound) characters long, not \(count)"
        }
    }
}
