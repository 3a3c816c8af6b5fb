import PostgresNIO

/// The query behind every label lookup and complaint: an elevator's facts, prepared once on each
/// connection. Planning its five-table join anew took most of PostgreSQL's time per lookup (about
/// 0.5 ms of planning beside 0.1 ms of execution). The columns are named, not `e.*`, so a column a
/// later migration adds does not change the prepared statement's result.
struct ElevatorFactsStatement: ElevatorNumberStatement {
    static let name = "liftcode_elevator_facts"
    static let sql = """
        SELECT e.number, e.rescueCode, e.registrationCode, e.address, e.building, e.district, e.street, e.internalNumber,
               e.nextInspection, e.manufacturer, e.isStopped, e.isClassified, e.lastHalfMonthDay, e.lastQuarterlyDay,
               e.lastHalfYearDay, e.lastYearlyDay, e.firstCountedDay,
               uu.name AS userUnitName, uu.phone AS userUnitPhone,
               mu.name AS maintenanceUnitName, mu.phone AS maintenanceUnitPhone,
               r.endedAt AS lastEndedAt, r.type AS lastType, r.workerName AS lastWorkerName, w.phone AS lastWorkerPhone,
               ARRAY(SELECT l.serial FROM label l WHERE l.number = e.number AND l.status = 'revoked' ORDER BY l.serial) AS revokedSerials
        FROM elevator e
        LEFT JOIN unit uu ON uu.id = e.userUnitId
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        LEFT JOIN maintenanceRecord r ON r.id = e.lastRecordId
        LEFT JOIN worker w ON w.login = r.workerLogin
        WHERE e.number = $1
        """

    /// The elevator's number (its N-number's value).
    let number: Int
}
