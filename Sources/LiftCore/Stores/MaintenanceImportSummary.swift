import Foundation

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
