import Foundation

/// The label ledger: every label ever issued, recorded before its image is drawn.
///
/// Revoked labels are the registry's business too: ``RegistryStore/revokedSerials(of:)`` and
/// ``ElevatorFacts/revokedSerials`` answer from the labels this ledger marked revoked, so a label
/// revoked here is refused by the next lookup of any store that implements both.
public protocol LabelLedger: Sendable {
    /// Records a batch and all its labels in one transaction, choosing numbers and serials.
    /// Fails without writing anything when the request cannot be met in full.
    func issue(_ request: BatchRequest) async throws -> IssuedBatch

    /// A batch by id, with its labels in sheet order.
    func batch(id: String) async throws -> IssuedBatch?

    /// All batches, newest first, without their labels.
    func batches() async throws -> [BatchSummary]

    /// Marks a label revoked (damaged, replaced, reported).
    func revoke(_ label: LabelID, reason: String, at: Date) async throws

    /// A label's ledger entry.
    func label(_ id: LabelID) async throws -> LedgerLabel?

    /// The 96333 rescue codes of these elevators, for printing on their labels; elevators without
    /// one (or not registered) are left out.
    func rescueCodes(for numbers: [NNumber]) async throws -> [NNumber: String]
}
