import Foundation

/// Turns a scanned code or a typed number into a `ScanResult`: verification, then the facts.
/// The public page, the JSON API and the kiosk's local mode all answer through it.
public struct ElevatorLookup: Sendable {
    public let registry: any RegistryStore
    public let verifier: LabelVerifier
    /// Every base URL this deployment's labels carry (normalised). A code under one of them whose
    /// signature does not match is tried under the others: a server reached at one address
    /// verifies the labels printed for any of them.
    public let acceptedBaseURLs: [String]

    public init(registry: any RegistryStore, verifier: LabelVerifier, acceptedBaseURLs: [String] = []) {
        self.registry = registry
        self.verifier = verifier
        self.acceptedBaseURLs = acceptedBaseURLs
    }

    /// Looks up a whole code as scanned, or a typed number.
    public func lookup(_ text: String, today: CivilDate) async throws -> ScanResult {
        try await lookup(ScanReading(text: text), today: today)
    }

    /// Looks up what a text read as; a malformed one is answered as it is.
    func lookup(_ reading: ScanReading, today: CivilDate) async throws -> ScanResult {
        switch reading {
        case .input(let input): try await lookup(input, today: today)
        case .malformed(let answer): answer
        }
    }

    /// Looks up what a scan read: a code (verified) or a typed number (unverified).
    public func lookup(_ input: ScanInput, today: CivilDate) async throws -> ScanResult {
        switch input {
        case .code(let code): try await lookup(code, today: today)
        case .number(let number): try await lookup(number, today: today)
        }
    }

    /// Looks up a code given as the path a page or form carries ("N006109-1-K1-…", what follows
    /// "/E/"), as printed under `baseURL`; a path that is no code is malformed.
    public func lookup(path: some StringProtocol, baseURL: String, today: CivilDate) async throws -> ScanResult {
        try await lookup(ScanReading(path: path, baseURL: baseURL), today: today)
    }

    /// Looks up a parsed code: the signature first (a counterfeit is answered without reading the
    /// database, and shows nothing of the registry under its number), then the ledger's
    /// revocations and the facts.
    public func lookup(_ code: LabelCode, today: CivilDate) async throws -> ScanResult {
        let (verification, facts) = try await verify(code)
        return ScanResult(verification, label: code.labelID, elevator: facts.map { PublicElevator($0, today: today) })
    }

    /// The verdict on a code and, unless it is counterfeit, its elevator's facts (nil when not
    /// registered). The signature is checked before anything is read.
    public func verify(_ code: LabelCode) async throws -> (verification: LabelVerification, facts: ElevatorFacts?) {
        if let counterfeit = counterfeitVerdict(code) { return (counterfeit, nil) }
        let facts = try await registry.facts(for: code.number)
        // A label of a number not registered yet can be revoked too: the ledger says so.
        let revoked: [Int]
        if let facts {
            revoked = facts.revokedSerials
        } else {
            revoked = try await registry.revokedSerials(of: code.number)
        }
        return (LabelVerifier.signed(code, revoked: revoked.contains(code.serial)), facts)
    }

    /// The counterfeit verdict when the signature holds under no accepted base URL; nil when it holds.
    func counterfeitVerdict(_ code: LabelCode) -> LabelVerification? {
        guard let verdict = verifier.counterfeitVerdict(code) else { return nil }
        if acceptedBaseURLs.count > 1, acceptedBaseURLs.contains(code.baseURL) {
            for base in acceptedBaseURLs where base != code.baseURL {
                let printed = LabelCode(baseURL: base, number: code.number, serial: code.serial, keyID: code.keyID, signature: code.signature)
                if verifier.counterfeitVerdict(printed) == nil { return nil }
            }
        }
        return verdict
    }

    /// Looks up a typed number ("006109", "N006109"): unverified.
    public func lookup(typed text: String, today: CivilDate) async throws -> ScanResult {
        try await lookup(ScanReading(typed: text), today: today)
    }

    /// Looks up a typed number: unverified, nothing vouches for it.
    public func lookup(_ number: NNumber, today: CivilDate) async throws -> ScanResult {
        let facts = try await registry.facts(for: number)
        return Self.typedResult(number, elevator: facts.map { PublicElevator($0, today: today) })
    }

    /// The answer for a typed number: unverified.
    static func typedResult(_ number: NNumber, elevator: PublicElevator? = nil) -> ScanResult {
        ScanResult(
            outcome: .unverified, reason: LabelVerification.typedReason.en, reasonZH: LabelVerification.typedReason.zh, number: number,
            elevator: elevator)
    }
}
