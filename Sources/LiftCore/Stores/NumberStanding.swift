/// What the registry and the ledger say of a number, as a complaint needs it: whether an elevator
/// is registered under it and which of its labels are revoked. One light read, where a label page
/// reads every fact (units, maintenance, insurance).
public struct NumberStanding: Sendable, Hashable {
    public var isRegistered: Bool
    /// The ledger's revoked label serials of the number, in order.
    public var revokedSerials: [Int]

    public init(isRegistered: Bool, revokedSerials: [Int]) {
        self.isRegistered = isRegistered
        self.revokedSerials = revokedSerials
    }
}
