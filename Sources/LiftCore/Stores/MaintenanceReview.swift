import Foundation

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
