import Foundation

/// Turns a scanned code or a typed number into a `ScanResult`: verification, then the facts.
/// The public page, the JSON API and the kiosk's local mode all answer through it.
public struct ElevatorLookup: Sendable {
    public let registry: any RegistryStore
    public let verifier: LabelVerifier

    public init(registry: any RegistryStore, verifier: LabelVerifier) {
        self.registry = registry
        self.verifier = verifier
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
            return ScanResult(outcome: .malformed, reason: error.description)
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
        let verification = verifier.verify(code) { label in revoked.contains(label.serial) }
        // A counterfeit label's number may be made up: show nothing of the registry under it.
        let shown = verification.outcome == .counterfeit ? nil : facts
        return ScanResult(
            outcome: verification.outcome, reason: verification.reason, label: code.labelID.description,
            number: code.number.description, elevator: shown.map { PublicElevator($0, today: today) })
    }

    /// Looks up a typed number ("006109", "N006109"): unverified.
    public func lookup(typed text: String, today: CivilDate) async throws -> ScanResult {
        let number: NNumber
        do {
            number = try NNumber(parsing: text)
        } catch {
            return ScanResult(outcome: .malformed, reason: error.description)
        }
        let facts = try await registry.facts(for: number)
        return ScanResult(
            outcome: .unverified, reason: "typed elevator number, not a scanned label", number: number.description,
            elevator: facts.map { PublicElevator($0, today: today) })
    }
}
