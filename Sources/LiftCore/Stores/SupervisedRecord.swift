import Foundation

/// A maintenance record with the place of its elevator.
public struct SupervisedRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var number: NNumber
    public var district: String
    public var street: String?
    public var address: String
    public var type: MaintenanceType
    public var startedAt: Date
    public var endedAt: Date
    public var uploadedAt: Date
    public var durationMinutes: Int
    public var workerLogin: String
    public var workerName: String
    public var maintenanceUnit: String
    public var status: ReviewStatus
    public var abnormal: AbnormalType?
    public var verification: VerificationOutcome

    public init(
        id: Int64, number: NNumber, district: String, street: String?, address: String, type: MaintenanceType, startedAt: Date,
        endedAt: Date, uploadedAt: Date, workerLogin: String, workerName: String, maintenanceUnit: String, status: ReviewStatus,
        abnormal: AbnormalType?, verification: VerificationOutcome
    ) {
        self.id = id
        self.number = number
        self.district = district
        self.street = street
        self.address = address
        self.type = type
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.uploadedAt = uploadedAt
        self.durationMinutes = Int(endedAt.timeIntervalSince(startedAt) / 60)
        self.workerLogin = workerLogin
        self.workerName = workerName
        self.maintenanceUnit = maintenanceUnit
        self.status = status
        self.abnormal = abnormal
        self.verification = verification
    }
}
