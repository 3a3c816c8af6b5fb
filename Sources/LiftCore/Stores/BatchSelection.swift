import Foundation

/// Which numbers a batch prints labels for.
public enum BatchSelection: Sendable, Hashable {
    /// The next unused numbers of the district, for elevators not yet registered.
    case fresh(count: Int)
    /// Every registered elevator of the district with no active label.
    case registered
    /// These elevators; with `replace`, an elevator with an active label gets the next serial and
    /// its old label is revoked as replaced.
    case numbers([NNumber], replace: Bool)
}
