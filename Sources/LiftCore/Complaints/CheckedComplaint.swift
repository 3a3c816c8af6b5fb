import Foundation

/// A complaint whose draft passed its checks and whose subject was looked up.
public struct CheckedComplaint: Sendable {
    /// The draft as validated (trimmed, ID numbers masked).
    public let draft: ComplaintDraft
    public let number: NNumber
    /// The verdict on the code or typed number (no elevator facts are read for a complaint).
    public let scan: ScanResult
    /// Whether the number is registered: a complaint about one that is not, even through a
    /// counterfeit code, is refused (and counts against no elevator's allowance).
    public let isRegistered: Bool

    public init(draft: ComplaintDraft, number: NNumber, scan: ScanResult, isRegistered: Bool) {
        self.draft = draft
        self.number = number
        self.scan = scan
        self.isRegistered = isRegistered
    }

    /// Whether it may never be refused for the elevator's sake: an alarm or a trapped report.
    public var isUrgent: Bool { draft.category == .alarm || draft.problem == .trapped }
}
