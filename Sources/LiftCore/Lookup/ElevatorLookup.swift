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
        let trimmed = text.trimmed
        if trimmed.utf8.count <= 8, !trimmed.contains("/") {
            return try await lookup(typed: trimmed, today: today)
        }
        do {
            return try await lookup(try LabelCode.parse(trimmed), today: today)
        } catch let error as LabelCodeError {
            return ScanResult(outcome: .malformed, reason: error.description, reasonZH: error.chineseDescription)
        }
    }

    /// Looks up a parsed code: the signature, then the ledger's revocations and the facts.
    public func lookup(_ code: LabelCode, today: CivilDate) async throws -> ScanResult {
        let facts = try await registry.facts(for: code.number)
        // A label of a number not registered yet can be revoked too: the ledger says so.
        let revoked: [Int]
        if let facts {
            revoked = facts.revokedSerials
        } else {
            revoked = try await registry.revokedSerials(of: code.number)
        }
        let isRevoked = { (label: LabelID) in revoked.contains(label.serial) }
        var verification = verifier.verify(code, isRevoked: isRevoked)
        if verification.outcome == .counterfeit, acceptedBaseURLs.count > 1, acceptedBaseURLs.contains(code.baseURL) {
            for base in acceptedBaseURLs where base != code.baseURL {
                let printed = LabelCode(baseURL: base, number: code.number, serial: code.serial, keyID: code.keyID, signature: code.signature)
                let other = verifier.verify(printed, isRevoked: isRevoked)
                if other.outcome != .counterfeit {
                    verification = other
                    break
                }
            }
        }
        // A counterfeit label's number may be made up: show nothing of the registry under it.
        let shown = verification.outcome == .counterfeit ? nil : facts
        return ScanResult(
            outcome: verification.outcome, reason: verification.reason, reasonZH: verification.chineseReason, label: code.labelID.description,
            number: code.number.description, elevator: shown.map { PublicElevator($0, today: today) })
    }

    /// Looks up a typed number ("006109", "N006109"): unverified.
    public func lookup(typed text: String, today: CivilDate) async throws -> ScanResult {
        let number: NNumber
        do {
            number = try NNumber(parsing: text)
        } catch {
            return ScanResult(outcome: .malformed, reason: error.description, reasonZH: error.chineseDescription)
        }
        let facts = try await registry.facts(for: number)
        return ScanResult(
            outcome: .unverified, reason: LabelVerification.typedReason.en, reasonZH: LabelVerification.typedReason.zh, number: number.description,
            elevator: facts.map { PublicElevator($0, today: today) })
    }
}
