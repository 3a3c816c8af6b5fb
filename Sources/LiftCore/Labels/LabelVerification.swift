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
    /// Why, in English.
    public let reason: String
    /// Why, in Chinese.
    public let chineseReason: String
    /// The parsed code, when it parsed.
    public let code: LabelCode?
    /// The elevator number, when one could be read.
    public let number: NNumber?

    public init(outcome: VerificationOutcome, reason: String, chineseReason: String, code: LabelCode? = nil, number: NNumber? = nil) {
        self.outcome = outcome
        self.reason = reason
        self.chineseReason = chineseReason
        self.code = code
        self.number = number
    }

    /// The reason a typed number is not verified.
    public static let typedReason = (en: "typed elevator number, not a scanned label", zh: "手动输入的电梯编号，未经标签验证")
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
        let input: ScanInput
        do {
            input = try ScanInput(parsing: text)
        } catch {
            return LabelVerification(outcome: .malformed, reason: error.description, chineseReason: error.chineseDescription)
        }
        switch input {
        case .number(let number):
            return LabelVerification(
                outcome: .unverified, reason: LabelVerification.typedReason.en, chineseReason: LabelVerification.typedReason.zh, number: number)
        case .code(let code):
            return try verify(code, isRevoked: isRevoked)
        }
    }

    /// Verifies a whole code or a typed number against the ledger: the signature first, and the
    /// ledger read only for a label whose signature holds, so a counterfeit costs no read.
    public func verify(_ text: String, ledger: any LabelLedger) async throws -> LabelVerification {
        guard case .code(let code)? = try? ScanInput(parsing: text) else {
            // Malformed, or a typed number: no label to ask the ledger about.
            return verify(text) { _ in false }
        }
        if let counterfeit = counterfeitVerdict(code) { return counterfeit }
        return Self.signed(code, revoked: try await ledger.label(code.labelID)?.status == .revoked)
    }

    /// Verifies a parsed code: the signature, then (only for a good signature) `isRevoked`.
    public func verify(_ code: LabelCode, isRevoked: (LabelID) throws -> Bool) rethrows -> LabelVerification {
        if let counterfeit = counterfeitVerdict(code) { return counterfeit }
        return Self.signed(code, revoked: try isRevoked(code.labelID))
    }

    /// The counterfeit verdict when the code's signature does not hold (unknown or revoked key,
    /// wrong signature); nil when it does. Reads no ledger: a counterfeit costs no database read.
    public func counterfeitVerdict(_ code: LabelCode) -> LabelVerification? {
        switch signatures.check(signature: code.signature, message: Array(code.prefix.utf8), keyID: code.keyID) {
        case .unknownKey:
            return LabelVerification(outcome: .counterfeit, reason: "key \(code.keyID) is not a liftcode key", chineseReason: "签名密钥 \(code.keyID) 不属于本平台", code: code, number: code.number)
        case .revokedKey:
            return LabelVerification(outcome: .counterfeit, reason: "key \(code.keyID) was revoked", chineseReason: "签名密钥 \(code.keyID) 已被吊销", code: code, number: code.number)
        case .invalid:
            return LabelVerification(outcome: .counterfeit, reason: "the signature does not match the label", chineseReason: "签名与标签内容不符", code: code, number: code.number)
        case .valid:
            return nil
        }
    }

    /// The verdict on a code whose signature holds: revoked or genuine.
    public static func signed(_ code: LabelCode, revoked: Bool) -> LabelVerification {
        if revoked {
            return LabelVerification(outcome: .revoked, reason: "label \(code.labelID) was revoked", chineseReason: "标签 \(code.labelID) 已作废", code: code, number: code.number)
        }
        return LabelVerification(outcome: .genuine, reason: "signed by key \(code.keyID)", chineseReason: "由密钥 \(code.keyID) 签名", code: code, number: code.number)
    }
}
