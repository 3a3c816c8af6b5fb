/// What a complaint is about, as the intake checks it: the verdict on its code or typed number,
/// and whether an elevator is registered under the number. The facts a page shows are not read:
/// the store reads the complaint's routing as it files it.
public struct ComplaintSubject: Sendable, Hashable {
    /// The verdict, with the label and number read; it carries no elevator.
    public var scan: ScanResult
    /// Whether the number is registered (read for a counterfeit code too, which a page would not).
    public var isRegistered: Bool

    public init(scan: ScanResult, isRegistered: Bool) {
        self.scan = scan
        self.isRegistered = isRegistered
    }
}
