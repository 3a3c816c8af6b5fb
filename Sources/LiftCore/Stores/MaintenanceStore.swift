import Foundation

/// Maintenance records: workers' uploads, regulators' review, and an elevator's history.
///
/// A record that counts (passed and not abnormal) is folded into its elevator's maintenance state
/// in the same transaction that makes it count, so a lookup stays one read of the elevator.
public protocol MaintenanceStore: Sendable {
    /// Stores a worker's upload, or answers the first upload again when the worker already sent one
    /// with the same `clientID` (a phone re-sending must not create a record or use up quota).
    ///
    /// The store decides the abnormal type (`MaintenanceRules.abnormal`): the worker's distinct
    /// elevators earlier that Shanghai day are counted and the record inserted in one write
    /// transaction, so two concurrent uploads can never both be the 8th. The record's `abnormal` is
    /// ignored, and its `workerName` replaced by the worker register's name when the login is
    /// registered. Throws `MaintenanceStoreError.unknownElevator`.
    func upload(_ record: MaintenanceRecord) async throws -> MaintenanceUpload

    /// A record with its review and its elevator's scope, by id.
    func maintenanceEntry(id: Int64) async throws -> MaintenanceEntry?

    /// A regulator's decision on a `reviewing` record: passed, invalid or needs-data. A record that
    /// becomes passed and is not abnormal counts from then on. Throws `MaintenanceStoreError`.
    func review(id: Int64, decision: ReviewStatus, note: String?, by reviewer: String, at: Date) async throws -> MaintenanceEntry

    /// The worker's supplement to a `needs-data` record: new items and/or remarks, back to
    /// `reviewing`. Throws `MaintenanceStoreError`.
    func supplement(id: Int64, items: [String]?, remarks: String?, at: Date) async throws -> MaintenanceEntry

    /// Records matching a filter, newest first (by end scan, or by upload with `byUpload`).
    func maintenanceEntries(_ filter: MaintenanceFilter) async throws -> [MaintenanceEntry]

    /// Imports historical records in one transaction: `produce` hands records to `add`; if anything
    /// throws, nothing is written. Records keep the status and abnormal type they come with; after
    /// the last one, the 9th and later elevators of a worker's Shanghai day among the records of this
    /// import are flagged over quota, and the records that count are folded into their elevators.
    /// A record whose worker and client id are already stored is skipped (a re-import adds nothing).
    func importMaintenance(_ produce: (_ add: (MaintenanceRecord) throws -> Void) throws -> Void) async throws -> MaintenanceImportSummary
}
