import Foundation
import LiftCore
import PostgresNIO

/// Rescue orders. Every change locks the order's row, applies LiftCore's rule
/// (`RescueOrder.applying`, `applyingDeadlines`) and writes the result with its new events and
/// outbox rows in one transaction.
extension PostgresStore: RescueStore {
    public func openRescue(_ filing: RescueFiling) async throws -> RescueOrder {
        let policy = rescuePolicy
        return try await transaction { db in try await Self.openOrJoinRescue(filing, policy: policy, db) }
    }

    /// Opens an order, or joins the elevator's open one, and dispatches a new one to the
    /// maintenance unit (its webhook through the outbox). Two servers taking reports of one
    /// elevator at once join one order: they take the elevator's rescue lock in turn.
    static func openOrJoinRescue(_ filing: RescueFiling, policy: RescuePolicy, _ db: Transaction) async throws -> RescueOrder {
        guard let elevator = try await db.row(
            """
            SELECT e.district, e.street, e.address, e.isClassified, mu.name AS unitName, mu.webhookURL, uu.name AS userUnitName
            FROM elevator e LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId LEFT JOIN unit uu ON uu.id = e.userUnitId
            WHERE e.number = \(filing.number.value)
            """)
        else { throw RescueStoreError.unknownElevator(filing.number) }
        try await db.lock("liftcode-rescue-\(filing.number.value)")
        let at = filing.receivedAt
        if let openID = try await db.scalar(
            """
            SELECT id FROM rescue WHERE number = \(filing.number.value) AND state IN ('reported', 'dispatched', 'accepted', 'arrived')
            ORDER BY reportedAt DESC LIMIT 1
            """, as: String.self),
            let open = try await fetchRescue(db, id: openID)
        {
            let joined = open.addingReport(at: at, verification: filing.verification)
            try await update(joined, from: open, by: filing.by, db)
            return joined
        }
        let district: String = try elevator("district")
        let reported = RescueOrder(
            id: RescueOrder.newID(), number: filing.number, district: district, street: try elevator("street"),
            maintenanceUnit: try elevator("unitName"), userUnit: try elevator("userUnitName"), address: try elevator("address"),
            elevatorIsClassified: try elevator("isClassified"), source: filing.source, reportVerification: filing.verification,
            callerPhone: filing.callerPhone, note: filing.note, reportedAt: at, deadlines: policy.deadlines(for: district))
        try await insert(reported, by: filing.by, db)
        guard let unit: String = try elevator("unitName") else { return reported }
        let dispatched = try reported.applying(.dispatch(unit: unit), at: at)
        try await update(dispatched, from: reported, by: nil, db)
        if let webhook: String = try elevator("webhookURL") {
            try await queue(
                RescueWebhookPayload(dispatched, event: "rescue-dispatched"), key: dispatched.id, rescueID: dispatched.id, url: webhook, at: at, db)
        }
        return dispatched
    }

    static func queue(_ payload: RescueWebhookPayload, key: String, rescueID: String, url: String, at: Date, _ db: Transaction) async throws {
        try await db.execute(
            """
            INSERT INTO outbox (rescueId, idempotencyKey, url, payload, nextAttemptAt)
            VALUES (\(rescueID), \(key), \(url), \(try payload.json()), \(at))
            """)
    }

    static func insert(_ order: RescueOrder, by: String?, _ db: Transaction) async throws {
        try await db.execute(
            """
            INSERT INTO rescue (id, number, district, street, maintenanceUnit, userUnit, address, source, reportVerification, callerPhone,
                note, state, reports, reportedAt, acceptanceMinutes, arrivalMinutes, acceptBy, arriveBy)
            VALUES (\(order.id), \(order.number.value), \(order.district), \(order.street), \(order.maintenanceUnit), \(order.userUnit),
                \(order.address), \(order.source.rawValue), \(order.reportVerification.rawValue), \(order.callerPhone), \(order.note),
                \(order.state.rawValue), \(order.reports), \(order.reportedAt), \(order.deadlines.acceptanceMinutes),
                \(order.deadlines.arrivalMinutes), \(order.acceptBy), \(order.arriveBy))
            """)
        for event in order.events { try await insert(event, rescueID: order.id, by: by, db) }
    }

    /// Writes an order's changed fields and the events it gained since `old`.
    static func update(_ order: RescueOrder, from old: RescueOrder, by: String?, _ db: Transaction) async throws {
        try await db.execute(
            """
            UPDATE rescue SET maintenanceUnit = \(order.maintenanceUnit), state = \(order.state.rawValue), reports = \(order.reports),
                dispatchedAt = \(order.dispatchedAt), acceptedAt = \(order.acceptedAt), rescuerName = \(order.rescuerName),
                rescuerPhone = \(order.rescuerPhone), arrivedAt = \(order.arrivedAt), arrival = \(order.arrival?.code),
                releasedAt = \(order.releasedAt), closedAt = \(order.closedAt), cancelledAt = \(order.cancelledAt),
                cancelReason = \(order.cancelReason), escalatedAt = \(order.escalatedAt), lateAt = \(order.lateAt)
            WHERE id = \(order.id)
            """)
        for event in order.events.dropFirst(old.events.count) { try await insert(event, rescueID: order.id, by: by, db) }
    }

    static func insert(_ event: RescueEvent, rescueID: String, by: String?, _ db: Transaction) async throws {
        try await db.execute(
            """
            INSERT INTO rescueEvent (rescueId, at, kind, note, by) VALUES (\(rescueID), \(event.at), \(event.kind.rawValue), \(event.note), \(by))
            """)
    }

    static func rescue(from row: RowReader) throws -> RescueOrder {
        let value: Int = try row("number")
        guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("rescue of \(value)") }
        var order = RescueOrder(
            id: try row("id"), number: number, district: try row("district"), street: try row("street"),
            maintenanceUnit: try row("maintenanceUnit"), userUnit: try row("userUnit"), address: try row("address"),
            elevatorIsClassified: try row("elevatorIsClassified") ?? false, source: RescueSource(rawValue: try row("source")) ?? .report,
            reportVerification: VerificationOutcome(rawValue: try row("reportVerification")) ?? .unverified,
            callerPhone: try row("callerPhone"), note: try row("note"), reportedAt: try row("reportedAt"),
            deadlines: RescueDeadlines(acceptanceMinutes: try row("acceptanceMinutes"), arrivalMinutes: try row("arrivalMinutes")))
        order.state = RescueState(rawValue: try row("state")) ?? .reported
        order.reports = try row("reports")
        order.dispatchedAt = try row("dispatchedAt")
        order.acceptedAt = try row("acceptedAt")
        order.rescuerName = try row("rescuerName")
        order.rescuerPhone = try row("rescuerPhone")
        order.arrivedAt = try row("arrivedAt")
        order.arrival = (try row("arrival") as String?).flatMap(ArrivalCheck.init(code:))
        order.releasedAt = try row("releasedAt")
        order.closedAt = try row("closedAt")
        order.cancelledAt = try row("cancelledAt")
        order.cancelReason = try row("cancelReason")
        order.escalatedAt = try row("escalatedAt")
        order.lateAt = try row("lateAt")
        order.events = []
        return order
    }

    static let selectRescue = "SELECT r.*, e.isClassified AS elevatorIsClassified FROM rescue r LEFT JOIN elevator e ON e.number = r.number"

    static func fetchRescue(_ db: Transaction, id: String, forUpdate: Bool = false) async throws -> RescueOrder? {
        var statement = SQLStatement()
        statement.append(constant: selectRescue)
        statement.append(" WHERE r.id = ?", id)
        if forUpdate { statement.append(" FOR UPDATE OF r") }
        guard let row = try await db.rows(statement).first else { return nil }
        var order = try rescue(from: row)
        order.events = try await db.rows("SELECT * FROM rescueEvent WHERE rescueId = \(id) ORDER BY id").map {
            RescueEvent(at: try $0("at"), kind: RescueEvent.Kind(rawValue: try $0("kind")) ?? .reported, note: try $0("note"))
        }
        return order
    }

    public func rescue(id: String) async throws -> RescueOrder? {
        try await client.withConnection { connection in
            try await Self.fetchRescue(Transaction(connection: connection, logger: logger), id: id)
        }
    }

    public func apply(_ action: RescueAction, to id: String, by: String, at: Date) async throws -> RescueOrder {
        try await transaction { db in
            guard let order = try await Self.fetchRescue(db, id: id, forUpdate: true) else { throw RescueStoreError.unknownRescue(id) }
            let next: RescueOrder
            do throws(RescueTransitionError) {
                next = try order.applying(action, at: at)
            } catch {
                throw RescueStoreError.wrongState(error)
            }
            try await Self.update(next, from: order, by: by, db)
            return next
        }
    }

    public func rescues(_ filter: RescueFilter) async throws -> [RescueOrder] {
        var statement = SQLStatement("SELECT r.id FROM rescue r WHERE true")
        if let unit = filter.maintenanceUnit { statement.append(" AND r.maintenanceUnit = ?", unit) }
        if let district = filter.district { statement.append(" AND r.district = ?", district) }
        if let street = filter.street { statement.append(" AND r.street = ?", street) }
        if let number = filter.number { statement.append(" AND r.number = ?", number.value) }
        if let state = filter.state { statement.append(" AND r.state = ?", state.rawValue) }
        if filter.openOnly { statement.append(" AND r.state IN ('reported', 'dispatched', 'accepted', 'arrived')") }
        if filter.lateOnly { statement.append(" AND r.lateAt IS NOT NULL") }
        if filter.escalatedOnly { statement.append(" AND r.escalatedAt IS NOT NULL") }
        if filter.unverifiedOnly { statement.append(" AND r.arrival IS NOT NULL AND r.arrival <> 'verified'") }
        if let from = filter.from { statement.append(" AND r.reportedAt >= ?", from) }
        if let to = filter.to { statement.append(" AND r.reportedAt < ?", to) }
        statement.append(" ORDER BY r.reportedAt DESC, r.id LIMIT ? OFFSET ?", max(filter.limit, 0), max(filter.offset, 0))
        return try await client.withConnection { connection in
            let db = Transaction(connection: connection, logger: logger)
            var orders: [RescueOrder] = []
            for row in try await db.rows(statement) {
                if let order = try await Self.fetchRescue(db, id: try row("id")) { orders.append(order) }
            }
            return orders
        }
    }

    public func checkRescueDeadlines(now: Date) async throws -> RescueDeadlineReport {
        try await transaction { db in
            // Only orders still waiting, whose acceptance or arrival deadline has passed; an order
            // another server is checking right now is left to it.
            let ids = try await db.rows(
                """
                SELECT id FROM rescue WHERE state IN ('reported', 'dispatched', 'accepted')
                  AND ((escalatedAt IS NULL AND state IN ('reported', 'dispatched') AND acceptBy < \(now))
                       OR (lateAt IS NULL AND arriveBy < \(now)))
                ORDER BY id FOR UPDATE SKIP LOCKED
                """
            ).map { try $0("id", as: String.self) }
            var report = RescueDeadlineReport()
            for id in ids {
                guard let order = try await Self.fetchRescue(db, id: id) else { continue }
                let (next, escalated, late) = order.applyingDeadlines(now: now)
                guard escalated || late else { continue }
                try await Self.update(next, from: order, by: "deadline watch", db)
                if escalated {
                    report.escalated.append(id)
                    if let webhook = try await db.scalar(
                        "SELECT webhookURL FROM regulatorOffice WHERE district = \(next.district)", as: String.self)
                    {
                        try await Self.queue(
                            RescueWebhookPayload(next, event: "rescue-escalated"), key: "\(id)-escalated", rescueID: id, url: webhook, at: now, db)
                    }
                }
                if late { report.markedLate.append(id) }
            }
            return report
        }
    }

    public func setRegulatorWebhook(district: String, url: String?) async throws {
        try await execute(
            """
            INSERT INTO regulatorOffice (district, webhookURL) VALUES (\(district), \(url))
            ON CONFLICT (district) DO UPDATE SET webhookURL = excluded.webhookURL
            """)
    }

    /// The district regulator's escalation webhook.
    public func regulatorWebhook(district: String) async throws -> String? {
        try await scalar("SELECT webhookURL FROM regulatorOffice WHERE district = \(district)", as: String.self)
    }

    public func bulletinFacts(district: String, month: CivilMonth, asOf: Date) async throws -> BulletinFacts {
        let start = month.start
        let end = month.end
        let measuredOn = min(month.lastDay, ShanghaiTime.day(of: asOf))
        return try await client.withConnection { connection in
            let db = Transaction(connection: connection, logger: logger)
            var statement = SQLStatement()
            statement.append(constant: Self.selectRescue)
            statement.append(" WHERE r.district = ? AND r.reportedAt >= ? AND r.reportedAt < ? ORDER BY r.reportedAt", district, start, end)
            let rescues = try await db.rows(statement).map(Self.rescue(from:))
            // Elevators per maintenance unit: in service, labelled, overdue, counted visits (at
            // most the month's due visits per elevator).
            let elevatorRows = try await db.rows(
                """
                SELECT mu.name AS unit, count(*)::bigint AS elevators, count(*) FILTER (WHERE NOT e.isStopped)::bigint AS inService,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM label l WHERE l.number = e.number AND l.status = 'active'))::bigint
                           AS labelled,
                       count(*) FILTER (WHERE NOT e.isStopped AND e.dueDay < \(measuredOn.daysSinceEpoch))::bigint AS overdue,
                       coalesce(sum(CASE WHEN NOT e.isStopped THEN least(\(MonthlyBulletin.visitsDuePerMonth), (SELECT count(*)
                           FROM maintenanceRecord r WHERE r.number = e.number AND r.endedAt >= \(start) AND r.endedAt < \(end)
                           AND r.status = 'passed' AND r.abnormal IS NULL)) ELSE 0 END), 0)::bigint AS counted
                FROM elevator e LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
                WHERE e.district = \(district) GROUP BY mu.name
                """)
            let recordRows = try await db.rows(
                """
                SELECT r.maintenanceUnit AS unit, count(*)::bigint AS records, count(*) FILTER (WHERE r.abnormal IS NOT NULL)::bigint AS abnormal
                FROM elevator e JOIN maintenanceRecord r ON r.number = e.number
                WHERE e.district = \(district) AND r.endedAt >= \(start) AND r.endedAt < \(end) GROUP BY r.maintenanceUnit
                """)
            var counts: [String?: BulletinUnitCounts] = [:]
            for row in elevatorRows {
                let unit: String? = try row("unit")
                counts[unit] = BulletinUnitCounts(
                    unit: unit, elevators: try row("elevators"), inService: try row("inService"), labelled: try row("labelled"),
                    countedVisits: try row("counted"), overdue: try row("overdue"), records: 0, abnormalRecords: 0)
            }
            for row in recordRows {
                let unit: String? = try row("unit")
                var entry = counts[unit] ?? BulletinUnitCounts(
                    unit: unit, elevators: 0, inService: 0, labelled: 0, countedVisits: 0, overdue: 0, records: 0, abnormalRecords: 0)
                entry.records += try row("records", as: Int.self)
                entry.abnormalRecords += try row("abnormal", as: Int.self)
                counts[unit] = entry
            }
            let complaints = try await db.rows(
                """
                SELECT c.routedTo, c.createdAt,
                       (SELECT min(ev.at) FROM complaintEvent ev WHERE ev.ticket = c.ticket AND ev.state = 'resolved') AS resolvedAt
                FROM complaint c WHERE c.district = \(district) AND c.createdAt >= \(start) AND c.createdAt < \(end)
                """
            ).map { BulletinComplaint(unit: try $0("routedTo"), filedAt: try $0("createdAt"), resolvedAt: try $0("resolvedAt")) }
            return BulletinFacts(
                district: district, month: month, measuredOn: measuredOn, rescues: rescues,
                units: counts.values.sorted { ($0.unit ?? "") < ($1.unit ?? "") }, complaints: complaints)
        }
    }
}
