/// What a scan or a typed number turned out to be.
public enum VerificationOutcome: String, Sendable, Codable, CaseIterable {
    /// Parses, its key is known and not revoked, the signature verifies, the label is not revoked.
    case genuine
    /// Genuine, but the label was revoked (damaged, replaced, reported).
    case revoked
    /// Parses, but the key is unknown or revoked, or the signature does not verify.
    case counterfeit
    /// Not a label code at all.
    case malformed
    /// A typed elevator number: the lookup works, but nothing vouches for it.
    case unverified
}

/// The verdict on one scanned or typed text, with the reason a person can read.
public struct LabelVerification: Sendable {
    public let outcome: VerificationOutcome
    public let reason: String
    /// The parsed code, when it parsed.
    public let code: LabelCode?
    /// The elevator number, when one could be read.
    public let number: NNumber?

    public init(outcome: VerificationOutcome, reason: String, code: LabelCode? = nil, number: NNumber? = nil) {
        self.outcome = outcome
        self.reason = reason
        self.code = code
        self.number = number
    }
}

/// What a key ring says of a signature.
public enum SignatureCheck: Sendable, Equatable {
    case valid
    case invalid
    case unknownKey
    case revokedKey
}

/// Checks signatures by key id: implemented over OpenSSL by LiftCrypto's KeyRing.
public protocol SignatureChecking: Sendable {
    func check(signature: [UInt8], message: [UInt8], keyID: String) -> SignatureCheck
}

/// Decides genuine, revoked, counterfeit, malformed or unverified for a scanned or typed text.
public struct LabelVerifier: Sendable {
    public let signatures: any SignatureChecking

    public init(signatures: any SignatureChecking) {
        self.signatures = signatures
    }

    /// Verifies a whole code or a typed number. `isRevoked` asks the ledger about a genuine label.
    public func verify(_ text: String, isRevoked: (LabelID) throws -> Bool) rethrows -> LabelVerification {
        let trimmed = text.trimmed
        if trimmed.utf8.count <= 8, !trimmed.contains("/") {
            do {
                let number = try NNumber(parsing: trimmed)
                return LabelVerification(outcome: .unverified, reason: "typed elevator number, not a scanned label", number: number)
            } catch {
                return LabelVerification(outcome: .malformed, reason: error.description)
            }
        }
        let code: LabelCode
        do {
            code = try LabelCode.parse(text)
        } catch {
            return LabelVerification(outcome: .malformed, reason: error.description)
        }
        return try verify(code, isRevoked: isRevoked)
    }

    /// Verifies a parsed code.
    public func verify(_ code: LabelCode, isRevoked: (LabelID) throws -> Bool) rethrows -> LabelVerification {
        let check = signatures.check(signature: code.signature, message: Array(code.prefix.utf8), keyID: code.keyID)
        switch check {
        case .unknownKey:
            return LabelVerification(outcome: .counterfeit, reason: "key \(code.keyID) is not a liftcode key", code: code, number: code.number)
        case .revokedKey:
            return LabelVerification(outcome: .counterfeit, reason: "key \(code.keyID) was revoked", code: code, number: code.number)
        case .invalid:
            return LabelVerification(outcome: .counterfeit, reason: "the signature does not match the label", code: code, number: code.number)
        case .valid:
            if try isRevoked(code.labelID) {
                return LabelVerification(outcome: .revoked, reason: "label \(code.labelID) was revoked", code: code, number: code.number)
            }
            return LabelVerification(outcome: .genuine, reason: "signed by key \(code.keyID)", code: code, number: code.number)
        }
    }

    /// A typed number ("006109", "N006109"), or nil when the text is not one.
    public static func typedNumber(_ text: String) -> NNumber? {
        let trimmed = text.trimmed
        guard trimmed.utf8.count <= 7 else { return nil }
        return try? NNumber(parsing: trimmed)
    }
}
