import Foundation

/// A complaint whose draft passed its checks and whose subject was looked up.
public struct CheckedComplaint: Sendable {
    /// The draft as validated (trimmed, ID numbers masked).
    public let draft: ComplaintDraft
    public let number: NNumber
    /// What the lookup found: the verdict on the code, and the elevator when it is registered.
    public let scan: ScanResult

    /// Whether the number has no registry entry (a counterfeit code shows no registry, so it is
    /// not judged here; the store refuses it if its number is unknown).
    public var isUnregistered: Bool { scan.elevator == nil && scan.outcome != .counterfeit }

    /// Whether it may never be refused for the elevator's sake: an alarm or a trapped report.
    public var isUrgent: Bool { draft.category == .alarm || draft.problem == .trapped }
}
