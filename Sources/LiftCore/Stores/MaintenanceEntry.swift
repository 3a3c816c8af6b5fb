import Foundation

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
