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

    /// Whether the policy covers the given day.
    public func isInForce(on day: CivilDate) -> Bool { validFrom <= day && day <= validTo }

    /// The policy a label page shows among an elevator's policies over time: the one in force on
    /// the day (the one running longest when several are), else the last one that ran out (shown
    /// as expired), else none: a policy that has not started yet covers nothing today.
    public static func shown(among policies: [Insurance], on day: CivilDate) -> Insurance? {
        let latestFirst = policies.sorted { ($0.validTo, $0.validFrom) > ($1.validTo, $1.validFrom) }
        return latestFirst.first { $0.isInForce(on: day) } ?? latestFirst.first { $0.isExpired(on: day) }
    }
}
