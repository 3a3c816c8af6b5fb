import PostgresNIO

/// An elevator's insurance policies, newest end first, for its label page: prepared once on each
/// connection, as `ElevatorFactsStatement` beside it.
struct InsurancePoliciesStatement: ElevatorNumberStatement {
    static let name = "liftcode_insurance_policies"
    static let sql = """
        SELECT insurer, policyNumber, coverage, validFrom, validTo, claimsPhone FROM insurancePolicy
        WHERE number = $1 ORDER BY validTo DESC LIMIT 50
        """

    /// The elevator's number (its N-number's value).
    let number: Int
}
