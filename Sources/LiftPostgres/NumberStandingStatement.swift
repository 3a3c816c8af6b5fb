import PostgresNIO

/// What a complaint reads of its number: whether it is registered and its revoked serials, in one
/// row, prepared once on each connection (a page's full facts cost a five-table join and a second
/// statement for the insurance).
struct NumberStandingStatement: ElevatorNumberStatement {
    static let name = "liftcode_number_standing"
    static let sql = """
        SELECT EXISTS (SELECT 1 FROM elevator WHERE number = $1) AS registered,
               ARRAY(SELECT serial FROM label WHERE number = $1 AND status = 'revoked' ORDER BY serial) AS revokedSerials
        """

    /// The elevator's number (its N-number's value).
    let number: Int
}
