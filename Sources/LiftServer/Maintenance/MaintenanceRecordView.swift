import Foundation
import LiftCore

/// A maintenance record as the API shows it to the accounts allowed to see it.
///
/// Codes are English (`passed`, `late-upload`); `counted` says whether it counts as maintenance.
struct MaintenanceRecordView: Encodable {
    let id: Int64
    let clientId: String?
    let elevator: String
    let type: MaintenanceType
    let startedAt: Date
    let endedAt: Date
    let uploadedAt: Date
    let durationMinutes: Int
    let workerLogin: String
    let workerName: String
    let maintenanceUnit: String
    let status: ReviewStatus
    let abnormal: AbnormalType?
    let counted: Bool
    let verification: VerificationOutcome
    let items: [String]
    let remarks: String?
    let review: MaintenanceReview?
    let supplementedAt: Date?

    init(_ entry: MaintenanceEntry) {
        let record = entry.record
        id = entry.id
        clientId = record.clientID
        elevator = record.number.description
        type = record.type
        startedAt = record.startedAt
        endedAt = record.endedAt
        uploadedAt = record.uploadedAt
        durationMinutes = record.durationMinutes
        workerLogin = record.workerLogin
        workerName = record.workerName
        maintenanceUnit = record.maintenanceUnit
        status = record.status
        abnormal = record.abnormal
        counted = record.isCounted
        verification = record.verification
        items = record.items
        remarks = record.remarks
        review = entry.review
        supplementedAt = entry.supplementedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, clientId, elevator, type, startedAt, endedAt, uploadedAt, durationMinutes, workerLogin, workerName
        case maintenanceUnit, status, abnormal, counted, verification, items, remarks, review, supplementedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(clientId, forKey: .clientId)
        try container.encode(elevator, forKey: .elevator)
        try container.encode(type, forKey: .type)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(uploadedAt, forKey: .uploadedAt)
        try container.encode(durationMinutes, forKey: .durationMinutes)
        try container.encode(workerLogin, forKey: .workerLogin)
        try container.encode(workerName, forKey: .workerName)
        try container.encode(maintenanceUnit, forKey: .maintenanceUnit)
        try container.encode(status, forKey: .status)
        try container.encode(abnormal, forKey: .abnormal)  // null when normal, so clients need not guess
        try container.encode(counted, forKey: .counted)
        try container.encode(verification, forKey: .verification)
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(remarks, forKey: .remarks)
        try container.encodeIfPresent(review, forKey: .review)
        try container.encodeIfPresent(supplementedAt, forKey: .supplementedAt)
    }
}

/// The answer to an upload, and again, unchanged, to every retry of it:
/// `{"id", "clientId", "elevator", "status", "abnormal", "counted", "verification"}`.
struct MaintenanceUploadAnswer: Encodable {
    let id: Int64
    let clientId: String?
    let elevator: String
    let status: ReviewStatus
    let abnormal: AbnormalType?
    let counted: Bool
    let verification: VerificationOutcome

    /// The first answer: the status the upload got then, whatever review did since.
    init(_ entry: MaintenanceEntry) {
        id = entry.id
        clientId = entry.record.clientID
        elevator = entry.record.number.description
        status = entry.uploadStatus
        abnormal = entry.record.abnormal
        counted = MaintenanceRules.counts(status: entry.uploadStatus, abnormal: entry.record.abnormal)
        verification = entry.record.verification
    }

    enum CodingKeys: String, CodingKey {
        case id, clientId, elevator, status, abnormal, counted, verification
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(clientId, forKey: .clientId)
        try container.encode(elevator, forKey: .elevator)
        try container.encode(status, forKey: .status)
        try container.encode(abnormal, forKey: .abnormal)
        try container.encode(counted, forKey: .counted)
        try container.encode(verification, forKey: .verification)
    }
}

/// An elevator's maintenance history (`GET /api/v1/elevators/<number>/maintenance`): its status
/// now, and its records newest first.
struct MaintenanceHistoryView: Encodable {
    let elevator: String
    let status: MaintenanceStatus
    /// The last day maintenance is on time (overdue from the day after), yyyy-mm-dd.
    let dueDay: String?
    let nextHalfMonthDue: String?
    let records: [MaintenanceRecordView]
    let nextOffset: Int?
}
