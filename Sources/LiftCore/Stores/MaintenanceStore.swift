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
    func importMaintenance(_ produce: (_ add: (MaintenanceRecord) throws -> Void) throws -> Void) throws -> MaintenanceImportSummary
}

/// What an upload stored, or found already stored.
public struct MaintenanceUpload: Sendable, Hashable {
    public var entry: MaintenanceEntry
    /// The worker had already uploaded this client id: nothing new was written.
    public var isRetry: Bool

    public init(entry: MaintenanceEntry, isRetry: Bool) {
        self.entry = entry
        self.isRetry = isRetry
    }
}

/// A stored record with what the API shows beside it: its first answer, its review, and the
/// elevator's current scope (for regulators' and property managers' access).
public struct MaintenanceEntry: Sendable, Hashable {
    /// The record; its `id` is set.
    public var record: MaintenanceRecord
    /// The status the upload was first answered with (a retry answers it again).
    public var uploadStatus: ReviewStatus
    /// The last review decision, if any.
    public var review: MaintenanceReview?
    /// When the worker last supplemented it.
    public var supplementedAt: Date?
    /// The elevator's district and street (the regulators who may review it).
    public var district: String?
    public var street: String?
    /// The elevator's user unit (the property manager who may see it).
    public var userUnit: String?
    /// The elevator's current maintenance unit.
    public var elevatorMaintenanceUnit: String?

    public init(
        record: MaintenanceRecord, uploadStatus: ReviewStatus, review: MaintenanceReview? = nil, supplementedAt: Date? = nil,
        district: String? = nil, street: String? = nil, userUnit: String? = nil, elevatorMaintenanceUnit: String? = nil
    ) {
        self.record = record
        self.uploadStatus = uploadStatus
        self.review = review
        self.supplementedAt = supplementedAt
        self.district = district
        self.street = street
        self.userUnit = userUnit
        self.elevatorMaintenanceUnit = elevatorMaintenanceUnit
    }

    /// The record's id (always set on a stored record).
    public var id: Int64 { record.id ?? 0 }
}

/// A regulator's decision on a record.
public struct MaintenanceReview: Sendable, Hashable, Codable {
    public var status: ReviewStatus
    public var note: String?
    /// Who decided: the regulator account's name or office.
    public var by: String
    public var at: Date

    public init(status: ReviewStatus, note: String?, by: String, at: Date) {
        self.status = status
        self.note = note
        self.by = by
        self.at = at
    }
}

/// Which records to list. Every set field narrows the list.
public struct MaintenanceFilter: Sendable, Hashable {
    public var workerLogin: String?
    /// The maintenance unit the record was uploaded for.
    public var maintenanceUnit: String?
    /// The elevator's user unit.
    public var userUnit: String?
    /// The elevator's district and street.
    public var district: String?
    public var street: String?
    public var number: NNumber?
    public var status: ReviewStatus?
    public var abnormal: AbnormalType?
    /// Newest upload first instead of newest end scan first: a worker's or a unit's list, which
    /// the (worker, day) and (unit, upload time) indexes serve without sorting a unit's history.
    public var byUpload: Bool
    public var limit: Int
    public var offset: Int

    public init(
        workerLogin: String? = nil, maintenanceUnit: String? = nil, userUnit: String? = nil, district: String? = nil,
        street: String? = nil, number: NNumber? = nil, status: ReviewStatus? = nil, abnormal: AbnormalType? = nil,
        byUpload: Bool = false, limit: Int = 200, offset: Int = 0
    ) {
        self.workerLogin = workerLogin
        self.maintenanceUnit = maintenanceUnit
        self.userUnit = userUnit
        self.district = district
        self.street = street
        self.number = number
        self.status = status
        self.abnormal = abnormal
        self.byUpload = byUpload
        self.limit = limit
        self.offset = offset
    }
}

/// What an import of historical records wrote.
public struct MaintenanceImportSummary: Sendable, Hashable {
    /// Records stored.
    public var inserted: Int
    /// Records skipped because the same worker and client id were already stored.
    public var alreadyPresent: Int
    /// Stored records flagged 超时上传 (as handed in).
    public var lateUpload: Int
    /// Stored records flagged 超量上传: as handed in, or found over quota among this import's records.
    public var overQuota: Int
    /// Of those, the ones the import itself found over quota.
    public var overQuotaDerived: Int
    /// Stored records that count as maintenance (and updated their elevators).
    public var counted: Int
    /// Workers created from logins not yet registered.
    public var workersCreated: Int

    public init(
        inserted: Int = 0, alreadyPresent: Int = 0, lateUpload: Int = 0, overQuota: Int = 0, overQuotaDerived: Int = 0,
        counted: Int = 0, workersCreated: Int = 0
    ) {
        self.inserted = inserted
        self.alreadyPresent = alreadyPresent
        self.lateUpload = lateUpload
        self.overQuota = overQuota
        self.overQuotaDerived = overQuotaDerived
        self.counted = counted
        self.workersCreated = workersCreated
    }
}

/// Why a maintenance operation was refused.
public enum MaintenanceStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownElevator(NNumber)
    case unknownRecord(Int64)
    /// The record is not in the status the action needs.
    case wrongStatus(id: Int64, status: ReviewStatus, action: String)
    /// A review may only decide passed, invalid or needs-data.
    case notADecision(ReviewStatus)
    /// The visit overlaps another visit of the same worker: one person is in one place at a time.
    case overlaps(recordID: Int64, number: NNumber)

    public var description: String {
        switch self {
        case .unknownElevator(let number): "elevator \(number) is not registered"
        case .unknownRecord(let id): "no maintenance record has id \(id)"
        case .wrongStatus(let id, let status, let action): "maintenance record \(id) is \(status.rawValue) and cannot be \(action)"
        case .notADecision(let status): "a review decides passed, invalid or needs-data, not \(status.rawValue)"
        case .overlaps(let id, let number):
            "this visit overlaps the same worker's visit to \(number) (maintenance record \(id)); a worker cannot be at two elevators at once"
        }
    }
}
