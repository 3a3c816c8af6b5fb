import Foundation

/// The bureau's rules for maintenance records (DESIGN.md section 6), as pure functions.
public enum MaintenanceRules {
    /// The end scan must come at least this long after the start scan.
    public static let minimumDuration: TimeInterval = 30 * 60
    /// An upload later than this after the end scan is 超时上传.
    public static let uploadDeadline: TimeInterval = 8 * 3600
    /// A worker's elevators a day beyond this are 超量上传.
    public static let dailyQuota = 8
    /// The longest visit accepted by default: no maintenance visit lasts longer.
    public static let defaultMaximumDuration: TimeInterval = 12 * 3600
    /// How far a scan's time may be ahead of the server's clock (phones' clocks drift).
    public static let clockSkew: TimeInterval = 5 * 60

    /// Checks the two scans of one visit: the end at least 30 minutes after the start, and at most
    /// `maximumDuration` after it.
    public static func checkScans(
        start: Date, end: Date, maximumDuration: TimeInterval = defaultMaximumDuration
    ) throws(MaintenanceRuleError) {
        guard end.timeIntervalSince(start) >= minimumDuration else {
            throw .tooShort(minutes: Int(end.timeIntervalSince(start) / 60))
        }
        guard end.timeIntervalSince(start) <= maximumDuration else {
            throw .tooLong(minutes: Int(end.timeIntervalSince(start) / 60), maximumMinutes: Int(maximumDuration / 60))
        }
    }

    /// Whether a scan's time is later than now, beyond the allowed clock skew.
    public static func isInFuture(_ scan: Date, now: Date) -> Bool {
        scan.timeIntervalSince(now) > clockSkew
    }

    /// Whether an upload came too late: more than 8 hours after the end scan.
    public static func isLate(end: Date, uploadedAt: Date) -> Bool {
        uploadedAt.timeIntervalSince(end) > uploadDeadline
    }

    /// Whether this upload is over the worker's daily quota.
    /// - Parameter elevatorsBefore: distinct other elevators the worker uploaded earlier the same
    ///   Shanghai day (an elevator already uploaded that day does not use up quota again).
    public static func isOverQuota(elevatorsBefore: Int) -> Bool {
        elevatorsBefore >= dailyQuota
    }

    /// The abnormal type of an upload, late upload first.
    public static func abnormal(end: Date, uploadedAt: Date, elevatorsBefore: Int) -> AbnormalType? {
        if isLate(end: end, uploadedAt: uploadedAt) { return .lateUpload }
        if isOverQuota(elevatorsBefore: elevatorsBefore) { return .overQuota }
        return nil
    }

    /// The review status an upload starts with, from how its scans were verified.
    public static func initialStatus(start: VerificationOutcome, end: VerificationOutcome) -> ReviewStatus {
        let outcomes = [start, end]
        if outcomes.contains(where: { $0 == .counterfeit || $0 == .revoked || $0 == .malformed }) { return .invalid }
        if outcomes.contains(.unverified) { return .reviewing }
        return .passed
    }

    /// Abnormal and invalid (or not yet passed) records do not count as maintenance.
    public static func counts(status: ReviewStatus, abnormal: AbnormalType?) -> Bool {
        status == .passed && abnormal == nil
    }
}

/// Why an upload breaks a rule.
public enum MaintenanceRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooShort(minutes: Int)
    case tooLong(minutes: Int, maximumMinutes: Int)

    public var description: String {
        switch self {
        case .tooShort(let minutes):
            "the end scan is \(minutes) minutes after the start scan; it must be at least 30 minutes after"
        case .tooLong(let minutes, let maximum):
            "the end scan is \(minutes) minutes after the start scan; a visit may last at most \(maximum) minutes"
        }
    }
}
