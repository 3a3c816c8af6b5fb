import Foundation

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
