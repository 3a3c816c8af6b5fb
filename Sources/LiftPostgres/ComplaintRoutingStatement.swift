import PostgresNIO

/// What filing a complaint reads of its elevator (district, street, whether classified, the
/// maintenance unit, its webhook and the worker of the unit's last visit), prepared once on each
/// connection as `ElevatorFactsStatement` is.
struct ComplaintRoutingStatement: ElevatorNumberStatement {
    static let name = "liftcode_complaint_routing"
    /// The columns and joins, without the choice of elevators (a batch of complaints reads its
    /// elevators together with them, `ComplaintBatch`).
    static let selection = """
        SELECT e.number, e.district, e.street, e.isClassified, mu.name AS unitName, mu.webhookURL, r.workerLogin, r.workerName
        FROM elevator e
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        LEFT JOIN maintenanceRecord r ON r.id = e.lastRecordId AND r.maintenanceUnit = mu.name
        """
    static let sql = selection + " WHERE e.number = $1"

    /// The elevator's number (its N-number's value).
    let number: Int
}
