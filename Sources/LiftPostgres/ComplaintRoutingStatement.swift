import PostgresNIO

/// What filing a complaint reads of its elevator (district, street, whether classified, the
/// maintenance unit, its webhook and the worker of the unit's last visit), prepared once on each
/// connection as `ElevatorFactsStatement` is.
struct ComplaintRoutingStatement: PostgresPreparedStatement {
    static let name = "liftcode_complaint_routing"
    static let sql = """
        SELECT e.district, e.street, e.isClassified, mu.name AS unitName, mu.webhookURL, r.workerLogin, r.workerName
        FROM elevator e
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        LEFT JOIN maintenanceRecord r ON r.id = e.lastRecordId AND r.maintenanceUnit = mu.name
        WHERE e.number = $1
        """
    static let bindingDataTypes: [PostgresDataType] = [.int8]

    /// The elevator's number (its N-number's value).
    let number: Int

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(number)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> RowReader {
        RowReader(row)
    }
}
