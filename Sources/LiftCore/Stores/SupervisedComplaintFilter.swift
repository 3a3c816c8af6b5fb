import Foundation

/// Which complaints a regulator lists.
public struct SupervisedComplaintFilter: Sendable, Hashable {
    /// A complaint still open this long after it was filed is past due.
    public static let pastDueInterval: TimeInterval = 7 * 86_400

    public var scope: SupervisionScope
    /// Only complaints still waiting for the maintenance unit (received, routed, acknowledged).
    public var openOnly: Bool
    /// Only open complaints filed more than seven days before `now`.
    public var pastDueOnly: Bool
    /// First and last Shanghai day of filing, inclusive.
    public var from: CivilDate?
    public var to: CivilDate?
    /// The present instant, against which "past due" is measured.
    public var now: Date

    public init(
        scope: SupervisionScope, openOnly: Bool = false, pastDueOnly: Bool = false, from: CivilDate? = nil, to: CivilDate? = nil,
        now: Date
    ) {
        self.scope = scope
        self.openOnly = openOnly
        self.pastDueOnly = pastDueOnly
        self.from = from
        self.to = to
        self.now = now
    }
}
