import Foundation
import LiftCore
import PostgresNIO

/// Regulators' queries. Each list is one parameterised SELECT built from its filter, run either
/// for a page (LIMIT/OFFSET, one row more to know whether a next page exists) or streamed row by
/// row for exports.
extension PostgresStore: SupervisionStore {
    // MARK: Elevators

    static let elevatorSelect = """
        SELECT e.number, e.address, e.building, e.district, e.street, e.nextInspection, e.isStopped, e.isClassified,
               e.lastHalfMonthDay, e.lastQuarterlyDay, e.lastHalfYearDay, e.lastYearlyDay, e.firstCountedDay,
               uu.name AS userUnitName, mu.name AS maintenanceUnitName,
               r.endedAt AS lastEndedAt, r.type AS lastType, r.workerName AS lastWorkerName
        FROM elevator e
        LEFT JOIN unit uu ON uu.id = e.userUnitId
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        LEFT JOIN maintenanceRecord r ON r.id = e.lastRecordId
        """

    /// A filter's WHERE conditions appended to `statement`; returns its ORDER BY.
    static func appendConditions(_ filter: SupervisedElevatorFilter, to statement: inout SQLStatement) -> String {
        statement.append(" WHERE true")
        if let district = filter.scope.district { statement.append(" AND e.district = ?", district) }
        if let street = filter.scope.street { statement.append(" AND e.street = ?", street) }
        var order = " ORDER BY e.number"
        if filter.overdueOnly {
            // Stopped is never overdue, no record (NULL dueDay) is 无记录, overdue once past the due day.
            statement.append(" AND e.dueDay < ? AND NOT e.isStopped", filter.today.daysSinceEpoch)
            order = " ORDER BY e.dueDay, e.number"
        }
        if let days = filter.inspectionDueWithinDays {
            statement.append(" AND e.nextInspection <= ?", filter.today.adding(days: days).description)
            if !filter.overdueOnly { order = " ORDER BY e.nextInspection, e.number" }
        }
        if let stopped = filter.stopped { statement.append(" AND e.isStopped = ?", stopped) }
        if let unit = filter.unit {
            statement.append(
                " AND (e.userUnitId IN (SELECT id FROM unit WHERE name = ?) OR e.maintenanceUnitId IN (SELECT id FROM unit WHERE name = ?))",
                unit, unit)
        }
        if let building = filter.building { statement.append(" AND strpos(e.building, ?) > 0", building) }
        if let number = filter.number { statement.append(" AND e.number = ?", number.value) }
        if let text = filter.addressContains { statement.append(" AND (strpos(e.address, ?) > 0 OR e.registrationCode = ?)", text, text) }
        return order
    }

    static func elevatorStatement(_ filter: SupervisedElevatorFilter) -> SQLStatement {
        var statement = SQLStatement()
        statement.append(constant: elevatorSelect)
        let order = appendConditions(filter, to: &statement)
        statement.append(constant: order)
        return statement
    }

    static func supervisedElevator(from row: RowReader, today: CivilDate) throws -> SupervisedElevator {
        let value: Int = try row("number")
        guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("elevator number \(value)") }
        let isStopped: Bool = try row("isStopped")
        let history = try history(from: row)
        let status = history.status(on: today, isStopped: isStopped)
        let due = history.dueDay
        let nextInspection = (try row("nextInspection") as String?).flatMap { try? CivilDate(parsing: $0) }
        return SupervisedElevator(
            number: number, address: try row("address"), building: try row("building"), district: try row("district"),
            street: try row("street"), userUnit: try row("userUnitName"), maintenanceUnit: try row("maintenanceUnitName"), status: status,
            dueDay: due, daysOverdue: status == .overdue ? due.map { $0.days(until: today) } : nil,
            lastMaintenanceAt: try row("lastEndedAt"), lastMaintenanceType: (try row("lastType") as String?).flatMap(MaintenanceType.init(rawValue:)),
            lastWorker: try row("lastWorkerName"), nextInspection: nextInspection,
            inspectionOverdue: nextInspection.map { $0 < today } ?? false, isStopped: isStopped, isClassified: try row("isClassified"))
    }

    public func supervisedElevators(_ filter: SupervisedElevatorFilter, page: PageRequest) async throws -> ResultPage<SupervisedElevator> {
        var statement = Self.elevatorStatement(filter)
        statement.append(" LIMIT ? OFFSET ?", max(page.limit, 0) + 1, max(page.offset, 0))
        return try Self.page(try await rows(statement), page) { try Self.supervisedElevator(from: $0, today: filter.today) }
    }

    public func forEachSupervisedElevator(
        _ filter: SupervisedElevatorFilter, limit: Int?, _ body: (SupervisedElevator) throws -> Void
    ) async throws {
        var statement = Self.elevatorStatement(filter)
        statement.append(" LIMIT ?", limit.map { max($0, 0) })
        try await stream(statement) { try body(try Self.supervisedElevator(from: $0, today: filter.today)) }
    }

    public func count(_ filter: SupervisedElevatorFilter) async throws -> Int {
        var statement = SQLStatement("SELECT count(*) AS n FROM elevator e")
        _ = Self.appendConditions(filter, to: &statement)
        return try await rows(statement).first?("n") ?? 0
    }

    // MARK: Maintenance records

    static func appendConditions(_ filter: SupervisedRecordFilter, to statement: inout SQLStatement) {
        statement.append(" WHERE true")
        if let district = filter.scope.district { statement.append(" AND e.district = ?", district) }
        if let street = filter.scope.street { statement.append(" AND e.street = ?", street) }
        if let from = filter.from { statement.append(" AND r.endedAt >= ?", ShanghaiTime.startOfDay(from)) }
        if let to = filter.to { statement.append(" AND r.endedAt < ?", ShanghaiTime.startOfDay(to.adding(days: 1))) }
        if let unit = filter.maintenanceUnit { statement.append(" AND r.maintenanceUnit = ?", unit) }
        if let worker = filter.worker { statement.append(" AND (r.workerLogin = ? OR r.workerName = ?)", worker, worker) }
        if let status = filter.status { statement.append(" AND r.status = ?", status.rawValue) }
        if let abnormal = filter.abnormal {
            statement.append(" AND r.abnormal = ?", abnormal.rawValue)
        } else if filter.abnormalOnly {
            statement.append(" AND r.abnormal IS NOT NULL")
        }
    }

    static func recordStatement(_ filter: SupervisedRecordFilter) -> SQLStatement {
        var statement = SQLStatement(
            """
            SELECT r.id, r.number, r.type, r.startedAt, r.endedAt, r.uploadedAt, r.workerLogin, r.workerName, r.maintenanceUnit,
                   r.status, r.abnormal, r.verification, e.district, e.street, e.address
            FROM maintenanceRecord r JOIN elevator e ON e.number = r.number
            """)
        appendConditions(filter, to: &statement)
        statement.append(" ORDER BY r.endedAt DESC, r.id DESC")
        return statement
    }

    static func supervisedRecord(from row: RowReader) throws -> SupervisedRecord {
        let value: Int = try row("number")
        guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("elevator number \(value)") }
        return SupervisedRecord(
            id: try row("id"), number: number, district: try row("district"), street: try row("street"), address: try row("address"),
            type: MaintenanceType(rawValue: try row("type")) ?? .halfMonth, startedAt: try row("startedAt"), endedAt: try row("endedAt"),
            uploadedAt: try row("uploadedAt"), workerLogin: try row("workerLogin"), workerName: try row("workerName"),
            maintenanceUnit: try row("maintenanceUnit"), status: ReviewStatus(rawValue: try row("status")) ?? .reviewing,
            abnormal: (try row("abnormal") as String?).flatMap(AbnormalType.init(rawValue:)),
            verification: VerificationOutcome(rawValue: try row("verification")) ?? .unverified)
    }

    public func supervisedRecords(_ filter: SupervisedRecordFilter, page: PageRequest) async throws -> ResultPage<SupervisedRecord> {
        var statement = Self.recordStatement(filter)
        statement.append(" LIMIT ? OFFSET ?", max(page.limit, 0) + 1, max(page.offset, 0))
        return try Self.page(try await rows(statement), page, Self.supervisedRecord(from:))
    }

    public func forEachSupervisedRecord(_ filter: SupervisedRecordFilter, limit: Int?, _ body: (SupervisedRecord) throws -> Void) async throws {
        var statement = Self.recordStatement(filter)
        statement.append(" LIMIT ?", limit.map { max($0, 0) })
        try await stream(statement) { try body(try Self.supervisedRecord(from: $0)) }
    }

    public func count(_ filter: SupervisedRecordFilter) async throws -> Int {
        var statement = SQLStatement("SELECT count(*) AS n FROM maintenanceRecord r JOIN elevator e ON e.number = r.number")
        Self.appendConditions(filter, to: &statement)
        return try await rows(statement).first?("n") ?? 0
    }

    // MARK: Complaints

    static func appendConditions(_ filter: SupervisedComplaintFilter, to statement: inout SQLStatement) {
        statement.append(" WHERE true")
        if let district = filter.scope.district { statement.append(" AND c.district = ?", district) }
        if let street = filter.scope.street { statement.append(" AND c.street = ?", street) }
        if filter.openOnly || filter.pastDueOnly { statement.append(" AND c.state IN ('received', 'routed', 'acknowledged')") }
        if filter.pastDueOnly {
            statement.append(" AND c.createdAt < ?", filter.now.addingTimeInterval(-SupervisedComplaintFilter.pastDueInterval))
        }
        if let from = filter.from { statement.append(" AND c.createdAt >= ?", ShanghaiTime.startOfDay(from)) }
        if let to = filter.to { statement.append(" AND c.createdAt < ?", ShanghaiTime.startOfDay(to.adding(days: 1))) }
    }

    static func complaintStatement(_ filter: SupervisedComplaintFilter) -> SQLStatement {
        var statement = SQLStatement(
            """
            SELECT c.publicId, c.number, c.district, c.street, c.category, c.problem, c.text, c.verification, c.state, c.routedTo,
                   c.resolution, c.satisfied, c.createdAt, c.updatedAt, e.address
            FROM complaint c LEFT JOIN elevator e ON e.number = c.number
            """)
        appendConditions(filter, to: &statement)
        statement.append(" ORDER BY c.createdAt DESC, c.ticket")
        return statement
    }

    static func supervisedComplaint(from row: RowReader, now: Date) throws -> SupervisedComplaint {
        let value: Int = try row("number")
        guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("elevator number \(value)") }
        let state = ComplaintState(rawValue: try row("state")) ?? .received
        let createdAt: Date = try row("createdAt")
        return SupervisedComplaint(
            id: try row("publicId"), number: number, district: try row("district"), street: try row("street"), address: try row("address"),
            category: ComplaintCategory(rawValue: try row("category")) ?? .complaint,
            problem: (try row("problem") as String?).flatMap(ComplaintProblem.init(rawValue:)), text: try row("text"),
            verification: VerificationOutcome(rawValue: try row("verification")) ?? .unverified, state: state,
            routedTo: try row("routedTo"), resolution: try row("resolution"), satisfied: try row("satisfied"), createdAt: createdAt,
            updatedAt: try row("updatedAt"),
            isPastDue: state.isOpen && now.timeIntervalSince(createdAt) > SupervisedComplaintFilter.pastDueInterval)
    }

    public func supervisedComplaints(_ filter: SupervisedComplaintFilter, page: PageRequest) async throws -> ResultPage<SupervisedComplaint> {
        var statement = Self.complaintStatement(filter)
        statement.append(" LIMIT ? OFFSET ?", max(page.limit, 0) + 1, max(page.offset, 0))
        return try Self.page(try await rows(statement), page) { try Self.supervisedComplaint(from: $0, now: filter.now) }
    }

    public func forEachSupervisedComplaint(
        _ filter: SupervisedComplaintFilter, limit: Int?, _ body: (SupervisedComplaint) throws -> Void
    ) async throws {
        var statement = Self.complaintStatement(filter)
        statement.append(" LIMIT ?", limit.map { max($0, 0) })
        try await stream(statement) { try body(try Self.supervisedComplaint(from: $0, now: filter.now)) }
    }

    public func count(_ filter: SupervisedComplaintFilter) async throws -> Int {
        var statement = SQLStatement("SELECT count(*) AS n FROM complaint c")
        Self.appendConditions(filter, to: &statement)
        return try await rows(statement).first?("n") ?? 0
    }

    // MARK: Summary

    public func dailySummary(_ scope: SupervisionScope, day: CivilDate, now: Date) async throws -> [DistrictSummary] {
        var elevators = SQLStatement(
            """
            SELECT e.district, count(*) AS elevators, count(*) FILTER (WHERE e.isStopped) AS stopped,
                   count(*) FILTER (WHERE NOT e.isStopped AND e.dueDay <
            """)
        elevators.append(" ?) AS overdue, count(*) FILTER (WHERE NOT e.isStopped AND e.dueDay IS NULL) AS noRecord", day.daysSinceEpoch)
        elevators.append(" FROM elevator e WHERE true")
        if let district = scope.district { elevators.append(" AND e.district = ?", district) }
        if let street = scope.street { elevators.append(" AND e.street = ?", street) }
        elevators.append(" GROUP BY e.district ORDER BY e.district")
        let elevatorRows = try await rows(elevators)

        let dayStart = ShanghaiTime.startOfDay(day)
        let dayEnd = ShanghaiTime.startOfDay(day.adding(days: 1))
        var abnormalStatement = SQLStatement("SELECT e.district, count(*) AS n FROM maintenanceRecord r JOIN elevator e ON e.number = r.number")
        abnormalStatement.append(" WHERE r.abnormal IS NOT NULL AND r.endedAt >= ? AND r.endedAt < ?", dayStart, dayEnd)
        if let district = scope.district { abnormalStatement.append(" AND e.district = ?", district) }
        if let street = scope.street { abnormalStatement.append(" AND e.street = ?", street) }
        abnormalStatement.append(" GROUP BY e.district")
        var abnormal: [String: Int] = [:]
        for row in try await rows(abnormalStatement) { abnormal[try row("district"), default: 0] += try row("n", as: Int.self) }

        // Complaints as they stood at the end of the day (or now): filed by then and not yet
        // resolved or closed by then.
        let asOf = min(now, dayEnd)
        var complaintStatement = SQLStatement("SELECT c.district, count(*) AS open,")
        complaintStatement.append(
            " count(*) FILTER (WHERE c.createdAt < ?) AS pastDue FROM complaint c WHERE c.createdAt < ?",
            asOf.addingTimeInterval(-SupervisedComplaintFilter.pastDueInterval), asOf)
        if let district = scope.district { complaintStatement.append(" AND c.district = ?", district) }
        if let street = scope.street { complaintStatement.append(" AND c.street = ?", street) }
        complaintStatement.append(
            """
             AND NOT EXISTS (SELECT 1 FROM complaintEvent ev WHERE ev.ticket = c.ticket AND ev.state IN ('resolved', 'closed') AND ev.at < ?)
             GROUP BY c.district
            """, asOf)
        var complaints: [String: (open: Int, pastDue: Int)] = [:]
        for row in try await rows(complaintStatement) {
            guard let district: String = try row("district") else { continue }
            complaints[district] = (try row("open"), try row("pastDue"))
        }

        var districts = try elevatorRows.map { try $0("district", as: String.self) }
        if let district = scope.district, !districts.contains(district) { districts.append(district) }
        var byDistrict: [String: RowReader] = [:]
        for row in elevatorRows { byDistrict[try row("district")] = row }
        return try districts.map { district in
            let row = byDistrict[district]
            return DistrictSummary(
                day: day, district: district, street: scope.street, elevators: try row?("elevators") ?? 0,
                stopped: try row?("stopped") ?? 0, overdue: try row?("overdue") ?? 0, noRecord: try row?("noRecord") ?? 0,
                abnormalRecords: abnormal[district] ?? 0, openComplaints: complaints[district]?.open ?? 0,
                pastDueComplaints: complaints[district]?.pastDue ?? 0)
        }
    }

    // MARK: Support

    /// Maps up to `page.limit` rows and notes whether there was one more.
    static func page<Item: Sendable>(_ rows: [RowReader], _ page: PageRequest, _ map: (RowReader) throws -> Item) throws -> ResultPage<Item> {
        let limit = max(page.limit, 0)
        let items = try rows.prefix(limit).map(map)
        return ResultPage(items: items, nextOffset: rows.count > limit ? max(page.offset, 0) + limit : nil)
    }

    /// Runs a statement and hands its rows to `body` one at a time as they arrive, so an export of
    /// 100,000 rows never holds them all.
    func stream(_ statement: SQLStatement, _ body: (RowReader) throws -> Void) async throws {
        try await client.withConnection { connection in
            for try await row in try await connection.query(statement.query, logger: logger) {
                try body(RowReader(row))
            }
        }
    }
}
