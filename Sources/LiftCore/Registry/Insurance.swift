/// The liability insurance that covers an elevator.
public struct Insurance: Sendable, Hashable, Codable {
    public var insurer: String
    public var policyNumber: String
    /// What it covers, in the insurer's words (e.g. 电梯安全责任险 100万元).
    public var coverage: String
    public var validFrom: CivilDate
    public var validTo: CivilDate
    /// The insurer's claims line.
    public var claimsPhone: String?

    public init(insurer: String, policyNumber: String, coverage: String, validFrom: CivilDate, validTo: CivilDate, claimsPhone: String? = nil) {
        self.insurer = insurer
        self.policyNumber = policyNumber
        self.coverage = coverage
        self.validFrom = validFrom
        self.validTo = validTo
        self.claimsPhone = claimsPhone
    }

    /// Whether the policy has run out on the given day.
    public func isExpired(on day: CivilDate) -> Bool { validTo < day }
}
