import Foundation

/// One maintenance visit: a start scan and an end scan of the elevator's label by one worker,
/// then an upload to the platform.
public struct MaintenanceRecord: Sendable, Hashable, Codable {
    public var id: Int64?
    /// The id the worker's phone gave the upload, so that a retry creates nothing new.
    public var clientID: String?
    public var number: NNumber
    public var type: MaintenanceType
    public var startedAt: Date
    public var endedAt: Date
    public var uploadedAt: Date
    public var workerLogin: String
    public var workerName: String
    public var maintenanceUnit: String
    public var status: ReviewStatus
    public var abnormal: AbnormalType?
    /// How the scans were verified (a typed number is `unverified`).
    public var verification: VerificationOutcome
    public var items: [String]
    public var remarks: String?

    public init(
        id: Int64? = nil, clientID: String? = nil, number: NNumber, type: MaintenanceType, startedAt: Date,
        endedAt: Date, uploadedAt: Date, workerLogin: String, workerName: String, maintenanceUnit: String,
        status: ReviewStatus, abnormal: AbnormalType? = nil, verification: VerificationOutcome = .genuine,
        items: [String] = [], remarks: String? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.number = number
        self.type = type
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.uploadedAt = uploadedAt
        self.workerLogin = workerLogin
        self.workerName = workerName
        self.maintenanceUnit = maintenanceUnit
        self.status = status
        self.abnormal = abnormal
        self.verification = verification
        self.items = items
        self.remarks = remarks
    }

    /// Minutes between the two scans.
    public var durationMinutes: Int { Int(endedAt.timeIntervalSince(startedAt) / 60) }

    /// Whether the record counts as maintenance: passed review and not abnormal.
    public var isCounted: Bool { MaintenanceRules.counts(status: status, abnormal: abnormal) }
}
