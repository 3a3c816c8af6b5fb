import Foundation
import GRDB
import LiftCore

/// Regulators' queries. Each list is one parameterised SELECT built from its filter, run either
/// for a page (LIMIT/OFFSET, one row more to know whether a next page exists) or through a cursor
/// for exports. The overdue list is a range of `elevator_on_district_status` (district, in
/// service, due before today) read in index order, so its first page costs the same whatever the
/// registry's size.
extension AppDatabase: SupervisionStore {
    // MARK: Elevators

    static let elevatorColumns = """
        e.number, e.address, e.building, e.district, e.street, e.nextInspection, e.isStopped, e.isClassified,
        e.lastHalfMonthDay, e.lastQuarterlyDay, e.lastHalfYearDay, e.lastYearlyDay, e.firstCountedDay,
        uu.name AS userUnitName, mu.name AS maintenanceUnitName,
        r.endedAt AS lastEndedAt, r.type AS lastType, r.workerName AS lastWorkerName
        """

    static let elevatorJoins = """
        LEFT JOIN unit uu ON uu.id = e.userUnitId
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        LEFT JOIN maintenanceRecord r ON r.id = e.lastRecordId
        """

    /// The WHERE clause and ORDER BY of an elevator filter, with its arguments.
    static func elevatorConditions(_ filter: SupervisedElevatorFilter) -> (where: String, order: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let district = filter.scope.district { clauses.append("e.district = ?"); arguments += [district] }
        if let street = filter.scope.street { clauses.append("e.street = ?"); arguments += [street] }
        var order = "e.number"
        if filter.overdueOnly {
            // MaintenanceHistory.status: stopped is never overdue, no record (NULL dueDay) is 无记录,
            // overdue once today is past the due day.
            clauses.append("e.dueDay < ? AND e.isStopped = 0")
            arguments += [filter.today.daysSinceEpoch]
            order = "e.dueDay, e.number"
        }
        if let days = filter.inspectionDueWithinDays {
            clauses.append("e.nextInspection <= ?")
            arguments += [filter.today.adding(days: days).description]
            if !filter.overdueOnly { order = "e.nextInspection, e.number" }
        }
        if let stopped = filter.stopped { clauses.append("e.isStopped = ?"); arguments += [stopped] }
        if let unit = filter.unit {
            clauses.append("(e.userUnitId IN (SELECT id FROM unit WHERE name = ?) OR e.maintenanceUnitId IN (SELECT id FROM unit WHERE name = ?))")
            arguments += [unit, unit]
        }
        if let building = filter.building { clauses.append("instr(e.building, ?) > 0"); arguments += [building] }
        if let number = filter.number { clauses.append("e.number = ?"); arguments += [number.value] }
        if let text = filter.addressContains {
            clauses.append("(instr(e.address, ?) > 0 OR e.registrationCode = ?)")
            arguments += [text, text]
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return (whereClause, order, arguments)
    }

    static func elevatorSQL(_ filter: SupervisedElevatorFilter) -> (String, StatementArguments) {
        let (whereClause, order, arguments) = elevatorConditions(filter)
        return ("SELECT \(elevatorColumns) FROM elevator e \(elevatorJoins) \(whereClause) ORDER BY \(order)", arguments)
    }

    static func supervisedElevator(from row: Row, today: CivilDate) throws -> SupervisedElevator {
        let value: Int = row["number"]
        guard let number = NNumber(value: value) else { throw DatabaseError(message: "elevator number \(value) is not an N-number") }
        let isStopped: Bool = row["isStopped"]
        let history = history(from: row)
        let status = history.status(on: today, isStopped: isStopped)
        let due = history.dueDay
        let nextInspection = (row["nextInspection"] as String?).flatMap { try? CivilDate(parsing: $0) }
        return SupervisedElevator(
            number: number, address: row["address"], building: row["building"], district: row["district"], street: row["street"],
            userUnit: row["userUnitName"], maintenanceUnit: row["maintenanceUnitName"], status: status, dueDay: due,
            daysOverdue: status == .overdue ? due.map { $0.days(until: today) } : nil,
            lastMaintenanceAt: row["lastEndedAt"], lastMaintenanceType: (row["lastType"] as String?).flatMap(MaintenanceType.init(rawValue:)),
            lastWorker: row["lastWorkerName"], nextInspection: nextInspection,
            inspectionOverdue: nextInspection.map { $0 < today } ?? false, isStopped: isStopped, isClassified: row["isClassified"])
    }

    public func supervisedElevators(_ filter: SupervisedElevatorFilter, page: PageRequest) async throws -> ResultPage<SupervisedElevator> {
        try await reader.read { db in
            let (sql, arguments) = Self.elevatorSQL(filter)
            let rows = try Row.fetchAll(db, sql: sql + " LIMIT ? OFFSET ?", arguments: arguments + [page.limit + 1, page.offset])
            return try Self.page(rows, page) { try Self.supervisedElevator(from: $0, today: filter.today) }
        }
    }

    public func forEachSupervisedElevator(
        _ filter: SupervisedElevatorFilter, limit: Int?, _ body: (SupervisedElevator) throws -> Void
    ) async throws {
        try await read(calling: body) { db, body in
            let (sql, arguments) = Self.elevatorSQL(filter)
            let cursor = try Row.fetchCursor(db, sql: sql + " LIMIT ?", arguments: arguments + [limit ?? -1])
            while let row = try cursor.next() { try body(try Self.supervisedElevator(from: row, today: filter.today)) }
        }
    }

    public func count(_ filter: SupervisedElevatorFilter) async throws -> Int {
        try await reader.read { db in
            let (whereClause, _, arguments) = Self.elevatorConditions(filter)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM elevator e \(whereClause)", arguments: arguments) ?? 0
        }
    }

    // MARK: Maintenance records

    static func recordConditions(_ filter: SupervisedRecordFilter) -> (where: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let district = filter.scope.district { clauses.append("e.district = ?"); arguments += [district] }
        if let street = filter.scope.street { clauses.append("e.street = ?"); arguments += [street] }
        if let from = filter.from { clauses.append("r.endedAt >= ?"); arguments += [ShanghaiTime.startOfDay(from)] }
        if let to = filter.to { clauses.append("r.endedAt < ?"); arguments += [ShanghaiTime.startOfDay(to.adding(days: 1))] }
        if let unit = filter.maintenanceUnit { clauses.append("r.maintenanceUnit = ?"); arguments += [unit] }
        if let worker = filter.worker { clauses.append("(r.workerLogin = ? OR r.workerName = ?)"); arguments += [worker, worker] }
        if let status = filter.status { clauses.append("r.status = ?"); arguments += [status.rawValue] }
        if let abnormal = filter.abnormal {
            clauses.append("r.abnormal = ?")
            arguments += [abnormal.rawValue]
        } else if filter.abnormalOnly {
            clauses.append("r.abnormal IS NOT NULL")
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    /// The records' FROM clause. A page walks `maintenanceRecord_on_endedAt` newest first and
    /// stops at its LIMIT; a whole district (an export, a count) goes elevator by elevator
    /// through `maintenanceRecord_on_number` instead, reading each elevator's records together
    /// rather than the whole city's in time order (CROSS JOIN fixes that order in SQLite): for
    /// 100,000 records of a district among 24 million, 2 s instead of 11.
    static func recordSource(_ filter: SupervisedRecordFilter, wholeSet: Bool) -> String {
        wholeSet && filter.scope.district != nil
            ? "elevator e CROSS JOIN maintenanceRecord r ON r.number = e.number"
            : "maintenanceRecord r JOIN elevator e ON e.number = r.number"
    }

    static func recordSQL(_ filter: SupervisedRecordFilter, wholeSet: Bool) -> (String, StatementArguments) {
        let (whereClause, arguments) = recordConditions(filter)
        return (
            """
            SELECT r.id, r.number, r.type, r.startedAt, r.endedAt, r.uploadedAt, r.workerLogin, r.workerName, r.maintenanceUnit,
                   r.status, r.abnormal, r.verification, e.district, e.street, e.address
            FROM \(recordSource(filter, wholeSet: wholeSet))
            \(whereClause)
            ORDER BY r.endedAt DESC, r.id DESC
            """, arguments
        )
    }

    static func supervisedRecord(from row: Row) throws -> SupervisedRecord {
        let value: Int = row["number"]
        guard let number = NNumber(value: value) else { throw DatabaseError(message: "elevator number \(value) is not an N-number") }
        return SupervisedRecord(
            id: row["id"], number: number, district: row["district"], street: row["street"], address: row["address"],
            type: MaintenanceType(rawValue: row["type"]) ?? .halfMonth, startedAt: row["startedAt"], endedAt: row["endedAt"],
            uploadedAt: row["uploadedAt"], workerLogin: row["workerLogin"], workerName: row["workerName"],
            maintenanceUnit: row["maintenanceUnit"], status: ReviewStatus(rawValue: row["status"]) ?? .reviewing,
            abnormal: (row["abnormal"] as String?).flatMap(AbnormalType.init(rawValue:)),
            verification: VerificationOutcome(rawValue: row["verification"]) ?? .unverified)
    }

    public func supervisedRecords(_ filter: SupervisedRecordFilter, page: PageRequest) async throws -> ResultPage<SupervisedRecord> {
        try await reader.read { db in
            let (sql, arguments) = Self.recordSQL(filter, wholeSet: false)
            let rows = try Row.fetchAll(db, sql: sql + " LIMIT ? OFFSET ?", arguments: arguments + [page.limit + 1, page.offset])
            return try Self.page(rows, page, Self.supervisedRecord(from:))
        }
    }

    public func forEachSupervisedRecord(_ filter: SupervisedRecordFilter, limit: Int?, _ body: (SupervisedRecord) throws -> Void) async throws {
        try await read(calling: body) { db, body in
            let (sql, arguments) = Self.recordSQL(filter, wholeSet: true)
            let cursor = try Row.fetchCursor(db, sql: sql + " LIMIT ?", arguments: arguments + [limit ?? -1])
            while let row = try cursor.next() { try body(try Self.supervisedRecord(from: row)) }
        }
    }

    public func count(_ filter: SupervisedRecordFilter) async throws -> Int {
        try await reader.read { db in
            let (whereClause, arguments) = Self.recordConditions(filter)
            return try Int.fetchOne(
                db, sql: "SELECT count(*) FROM \(Self.recordSource(filter, wholeSet: true)) \(whereClause)",
                arguments: arguments) ?? 0
        }
    }

    // MARK: Complaints

    static let openStates = "('received', 'routed', 'acknowledged')"

    static func complaintConditions(_ filter: SupervisedComplaintFilter) -> (where: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let district = filter.scope.district { clauses.append("c.district = ?"); arguments += [district] }
        if let street = filter.scope.street { clauses.append("c.street = ?"); arguments += [street] }
        if filter.openOnly || filter.pastDueOnly { clauses.append("c.state IN \(openStates)") }
        if filter.pastDueOnly {
            clauses.append("c.createdAt < ?")
            arguments += [filter.now.addingTimeInterval(-SupervisedComplaintFilter.pastDueInterval)]
        }
        if let from = filter.from { clauses.append("c.createdAt >= ?"); arguments += [ShanghaiTime.startOfDay(from)] }
        if let to = filter.to { clauses.append("c.createdAt < ?"); arguments += [ShanghaiTime.startOfDay(to.adding(days: 1))] }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    static func complaintSQL(_ filter: SupervisedComplaintFilter) -> (String, StatementArguments) {
        let (whereClause, arguments) = complaintConditions(filter)
        return (
            """
            SELECT c.publicId, c.number, c.district, c.street, c.category, c.problem, c.text, c.verification, c.state, c.routedTo,
                   c.resolution, c.satisfied, c.createdAt, c.updatedAt, e.address
            FROM complaint c LEFT JOIN elevator e ON e.number = c.number
            \(whereClause)
            ORDER BY c.createdAt DESC, c.ticket
            """, arguments
        )
    }

    static func supervisedComplaint(from row: Row, now: Date) throws -> SupervisedComplaint {
        let value: Int = row["number"]
        guard let number = NNumber(value: value) else { throw DatabaseError(message: "elevator number \(value) is not an N-number") }
        let state = ComplaintState(rawValue: row["state"]) ?? .received
        let createdAt: Date = row["createdAt"]
        return SupervisedComplaint(
            id: row["publicId"], number: number, district: row["district"], street: row["street"], address: row["address"],
            category: ComplaintCategory(rawValue: row["category"]) ?? .complaint,
            problem: (row["problem"] as String?).flatMap(ComplaintProblem.init(rawValue:)), text: row["text"],
            verification: VerificationOutcome(rawValue: row["verification"]) ?? .unverified, state: state,
            routedTo: row["routedTo"], resolution: row["resolution"], satisfied: row["satisfied"], createdAt: createdAt,
            updatedAt: row["updatedAt"],
            isPastDue: state.isOpen && now.timeIntervalSince(createdAt) > SupervisedComplaintFilter.pastDueInterval)
    }

    public func supervisedComplaints(
        _ filter: SupervisedComplaintFilter, page: PageRequest
    ) async throws -> ResultPage<SupervisedComplaint> {
        try await reader.read { db in
            let (sql, arguments) = Self.complaintSQL(filter)
            let rows = try Row.fetchAll(db, sql: sql + " LIMIT ? OFFSET ?", arguments: arguments + [page.limit + 1, page.offset])
            return try Self.page(rows, page) { try Self.supervisedComplaint(from: $0, now: filter.now) }
        }
    }

    public func forEachSupervisedComplaint(
        _ filter: SupervisedComplaintFilter, limit: Int?, _ body: (SupervisedComplaint) throws -> Void
    ) async throws {
        try await read(calling: body) { db, body in
            let (sql, arguments) = Self.complaintSQL(filter)
            let cursor = try Row.fetchCursor(db, sql: sql + " LIMIT ?", arguments: arguments + [limit ?? -1])
            while let row = try cursor.next() { try body(try Self.supervisedComplaint(from: row, now: filter.now)) }
        }
    }

    public func count(_ filter: SupervisedComplaintFilter) async throws -> Int {
        try await reader.read { db in
            let (whereClause, arguments) = Self.complaintConditions(filter)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM complaint c \(whereClause)", arguments: arguments) ?? 0
        }
    }

    // MARK: Summary

    public func dailySummary(_ scope: SupervisionScope, day: CivilDate, now: Date) async throws -> [DistrictSummary] {
        try await reader.read { db in
            var scopeClauses: [String] = []
            var scopeArguments: StatementArguments = []
            if let district = scope.district { scopeClauses.append("e.district = ?"); scopeArguments += [district] }
            if let street = scope.street { scopeClauses.append("e.street = ?"); scopeArguments += [street] }
            let elevatorWhere = scopeClauses.isEmpty ? "" : "WHERE " + scopeClauses.joined(separator: " AND ")
            let elevatorRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.district, count(*) AS elevators, sum(e.isStopped) AS stopped,
                           sum(e.isStopped = 0 AND e.dueDay < ?) AS overdue,
                           sum(e.isStopped = 0 AND e.dueDay IS NULL) AS noRecord
                    FROM elevator e \(elevatorWhere) GROUP BY e.district ORDER BY e.district
                    """,
                arguments: [day.daysSinceEpoch] + scopeArguments)

            let dayStart = ShanghaiTime.startOfDay(day)
            let dayEnd = ShanghaiTime.startOfDay(day.adding(days: 1))
            let abnormal = try Dictionary(
                Row.fetchAll(
                    db,
                    sql: """
                        SELECT e.district, count(*) AS n FROM maintenanceRecord r JOIN elevator e ON e.number = r.number
                        WHERE r.abnormal IS NOT NULL AND r.endedAt >= ? AND r.endedAt < ?
                        \(scopeClauses.map { " AND " + $0 }.joined()) GROUP BY e.district
                        """,
                    arguments: [dayStart, dayEnd] + scopeArguments
                ).map { (row: Row) -> (String, Int) in (row["district"], row["n"]) },
                uniquingKeysWith: +)

            // Complaints as they stood at the end of the day (or now): filed by then and not yet
            // resolved or closed by then.
            let asOf = min(now, dayEnd)
            var complaintClauses = ["c.createdAt < ?"]
            var complaintArguments: StatementArguments = [asOf]
            if let district = scope.district { complaintClauses.append("c.district = ?"); complaintArguments += [district] }
            if let street = scope.street { complaintClauses.append("c.street = ?"); complaintArguments += [street] }
            let complaintRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.district, count(*) AS open, sum(c.createdAt < ?) AS pastDue FROM complaint c
                    WHERE \(complaintClauses.joined(separator: " AND "))
                      AND NOT EXISTS (SELECT 1 FROM complaintEvent ev WHERE ev.ticket = c.ticket
                                      AND ev.state IN ('resolved', 'closed') AND ev.at < ?)
                    GROUP BY c.district
                    """,
                arguments: [asOf.addingTimeInterval(-SupervisedComplaintFilter.pastDueInterval)] + complaintArguments + [asOf])
            var complaints: [String: (open: Int, pastDue: Int)] = [:]
            for row in complaintRows {
                guard let district: String = row["district"] else { continue }
                complaints[district] = (row["open"], row["pastDue"] ?? 0)
            }

            var districts = elevatorRows.map { $0["district"] as String }
            if let district = scope.district, !districts.contains(district) { districts.append(district) }
            let byDistrict = Dictionary(uniqueKeysWithValues: elevatorRows.map { ($0["district"] as String, $0) })
            return districts.map { district in
                let row = byDistrict[district]
                return DistrictSummary(
                    day: day, district: district, street: scope.street, elevators: row?["elevators"] ?? 0,
                    stopped: row?["stopped"] ?? 0, overdue: row?["overdue"] ?? 0, noRecord: row?["noRecord"] ?? 0,
                    abnormalRecords: abnormal[district] ?? 0, openComplaints: complaints[district]?.open ?? 0,
                    pastDueComplaints: complaints[district]?.pastDue ?? 0)
            }
        }
    }

    // MARK: Support

    /// Maps up to `page.limit` rows and notes whether there was one more.
    static func page<Item: Sendable>(_ rows: [Row], _ page: PageRequest, _ map: (Row) throws -> Item) throws -> ResultPage<Item> {
        let items = try rows.prefix(page.limit).map(map)
        return ResultPage(items: items, nextOffset: rows.count > page.limit ? page.offset + page.limit : nil)
    }

    /// SQLite's plan for the overdue list of a district, for benchmarks and tests that check an
    /// index is used.
    public func overdueQueryPlan(district: String, today: CivilDate) throws -> [String] {
        try reader.read { db in
            let (sql, arguments) = Self.elevatorSQL(
                SupervisedElevatorFilter(scope: SupervisionScope(district: district), overdueOnly: true, today: today))
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql + " LIMIT 100", arguments: arguments)
                .map { $0["detail"] as String }
        }
    }
}
