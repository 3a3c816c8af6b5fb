import Foundation

/// Which maintenance records a regulator lists.
public struct SupervisedRecordFilter: Sendable, Hashable {
    public var scope: SupervisionScope
    /// First and last Shanghai day of the end scan, inclusive.
    public var from: CivilDate?
    public var to: CivilDate?
    /// The maintenance unit's name.
    public var maintenanceUnit: String?
    /// A worker's login (W0101) or name.
    public var worker: String?
    public var status: ReviewStatus?
    /// Only abnormal records (超时上传, 超量上传).
    public var abnormalOnly: Bool
    /// Only abnormal records of this type.
    public var abnormal: AbnormalType?

    public init(
        scope: SupervisionScope, from: CivilDate? = nil, to: CivilDate? = nil, maintenanceUnit: String? = nil,
        worker: String? = nil, status: ReviewStatus? = nil, abnormalOnly: Bool = false, abnormal: AbnormalType? = nil
    ) {
        self.scope = scope
        self.from = from
        self.to = to
        self.maintenanceUnit = maintenanceUnit
        self.worker = worker
        self.status = status
        self.abnormalOnly = abnormalOnly
        self.abnormal = abnormal
    }
}
