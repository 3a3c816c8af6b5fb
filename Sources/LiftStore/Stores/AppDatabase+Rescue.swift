import Foundation
import GRDB
import LiftCore

/// Rescue orders in SQLite. Every change reads the order, applies LiftCore's rule
/// (`RescueOrder.applying`, `applyingDeadlines`) and writes the result with its new events and
/// outbox rows in one transaction.
extension AppDatabase: RescueStore {
    public func openRescue(_ filing: RescueFiling) async throws -> RescueOrder {
        let policy = rescuePolicy
        return try await dbWriter.write { db in try Self.openOrJoinRescue(filing, policy: policy, db) }
    }

    /// Opens an order, or joins the elevator's open one, and dispatches a new one to the
    /// maintenance unit (its webhook through the outbox).
    static func openOrJoinRescue(_ filing: RescueFiling, policy: RescuePolicy, _ db: Database) throws -> RescueOrder {
        guard let elevator = try Row.fetchOne(
            db,
            sql: """
                SELECT e.district, e.street, e.address, e.isClassified, mu.name AS unitName, mu.webhookURL, uu.name AS userUnitName
                FROM elevator e LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId LEFT JOIN unit uu ON uu.id = e.userUnitId
                WHERE e.number = ?
                """,
            arguments: [filing.number.value])
        else { throw RescueStoreError.unknownElevator(filing.number) }
        let at = filing.receivedAt
        if let openID = try String.fetchOne(
            db, sql: "SELECT id FROM rescue WHERE number = ? AND state IN ('reported', 'dispatched', 'accepted', 'arrived') ORDER BY reportedAt DESC LIMIT 1",
            arguments: [filing.number.value]),
            let open = try fetchRescue(db, id: openID)
        {
            let joined = open.addingReport(at: at, verification: filing.verification)
            try update(joined, from: open, by: filing.by, db)
            return joined
        }
        let district: String = elevator["district"]
        let reported = RescueOrder(
            id: RescueOrder.newID(), number: filing.number, district: district, street: elevator["street"],
            maintenanceUnit: elevator["unitName"], userUnit: elevator["userUnitName"], address: elevator["address"],
            elevatorIsClassified: elevator["isClassified"], source: filing.source, reportVerification: filing.verification,
            callerPhone: filing.callerPhone, note: filing.note, reportedAt: at, deadlines: policy.deadlines(for: district))
        try insert(reported, by: filing.by, db)
        let unitName: String? = elevator["unitName"]
        guard let unit = unitName else { return reported }
        let dispatched = try reported.applying(.dispatch(unit: unit), at: at)
        try update(dispatched, from: reported, by: nil, db)
        let webhookURL: String? = elevator["webhookURL"]
        if let webhook = webhookURL {
            try queue(RescueWebhookPayload(dispatched, event: "rescue-dispatched"), key: dispatched.id, rescueID: dispatched.id, url: webhook, at: at, db)
        }
        return dispatched
    }

    static func queue(_ payload: RescueWebhookPayload, key: String, rescueID: String, url: String, at: Date, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO outbox (rescueId, idempotencyKey, url, payload, nextAttemptAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [rescueID, key, url, try payload.json(), at])
    }

    static func insert(_ order: RescueOrder, by: String?, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO rescue (id, number, district, street, maintenanceUnit, userUnit, address, source, reportVerification, callerPhone,
                    note, state, reports, reportedAt, acceptanceMinutes, arrivalMinutes, acceptBy, arriveBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                order.id, order.number.value, order.district, order.street, order.maintenanceUnit, order.userUnit, order.address,
                order.source.rawValue, order.reportVerification.rawValue, order.callerPhone, order.note, order.state.rawValue, order.reports,
                order.reportedAt, order.deadlines.acceptanceMinutes, order.deadlines.arrivalMinutes, order.acceptBy, order.arriveBy,
            ])
        for event in order.events { try insert(event, rescueID: order.id, by: by, db) }
    }

    /// Writes an order's changed fields and the events it gained since `old`.
    static func update(_ order: RescueOrder, from old: RescueOrder, by: String?, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE rescue SET maintenanceUnit = ?, state = ?, reports = ?, dispatchedAt = ?, acceptedAt = ?, rescuerName = ?,
                    rescuerPhone = ?, arrivedAt = ?, arrival = ?, releasedAt = ?, closedAt = ?, cancelledAt = ?, cancelReason = ?,
                    escalatedAt = ?, lateAt = ?
                WHERE id = ?
                """,
            arguments: [
                order.maintenanceUnit, order.state.rawValue, order.reports, order.dispatchedAt, order.acceptedAt, order.rescuerName,
                order.rescuerPhone, order.arrivedAt, order.arrival?.code, order.releasedAt, order.closedAt, order.cancelledAt,
                order.cancelReason, order.escalatedAt, order.lateAt, order.id,
            ])
        for event in order.events.dropFirst(old.events.count) { try insert(event, rescueID: order.id, by: by, db) }
    }

    static func insert(_ event: RescueEvent, rescueID: String, by: String?, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO rescueEvent (rescueId, at, kind, note, by) VALUES (?, ?, ?, ?, ?)",
            arguments: [rescueID, event.at, event.kind.rawValue, event.note, by])
    }

    static func rescue(from row: Row) throws -> RescueOrder {
        let value: Int = row["number"]
        guard let number = NNumber(value: value) else { throw DatabaseError(message: "elevator number \(value) is not an N-number") }
        var order = RescueOrder(
            id: row["id"], number: number, district: row["district"], street: row["street"], maintenanceUnit: row["maintenanceUnit"],
            userUnit: row["userUnit"], address: row["address"], elevatorIsClassified: row["elevatorIsClassified"] ?? false,
            source: RescueSource(rawValue: row["source"]) ?? .report,
            reportVerification: VerificationOutcome(rawValue: row["reportVerification"]) ?? .unverified,
            callerPhone: row["callerPhone"], note: row["note"], reportedAt: row["reportedAt"],
            deadlines: RescueDeadlines(acceptanceMinutes: row["acceptanceMinutes"], arrivalMinutes: row["arrivalMinutes"]))
        order.state = RescueState(rawValue: row["state"]) ?? .reported
        order.reports = row["reports"]
        order.dispatchedAt = row["dispatchedAt"]
        order.acceptedAt = row["acceptedAt"]
        order.rescuerName = row["rescuerName"]
        order.rescuerPhone = row["rescuerPhone"]
        order.arrivedAt = row["arrivedAt"]
        order.arrival = (row["arrival"] as String?).flatMap(ArrivalCheck.init(code:))
        order.releasedAt = row["releasedAt"]
        order.closedAt = row["closedAt"]
        order.cancelledAt = row["cancelledAt"]
        order.cancelReason = row["cancelReason"]
        order.escalatedAt = row["escalatedAt"]
        order.lateAt = row["lateAt"]
        order.events = []
        return order
    }

    static let selectRescue = "SELECT r.*, e.isClassified AS elevatorIsClassified FROM rescue r LEFT JOIN elevator e ON e.number = r.number"

    static func fetchRescue(_ db: Database, id: String) throws -> RescueOrder? {
        guard let row = try Row.fetchOne(db, sql: "\(selectRescue) WHERE r.id = ?", arguments: [id]) else { return nil }
        var order = try rescue(from: row)
        order.events = try Row.fetchAll(db, sql: "SELECT * FROM rescueEvent WHERE rescueId = ? ORDER BY id", arguments: [id]).map {
            RescueEvent(at: $0["at"], kind: RescueEvent.Kind(rawValue: $0["kind"]) ?? .reported, note: $0["note"])
        }
        return order
    }

    public func rescue(id: String) async throws -> RescueOrder? {
        try await reader.read { db in try Self.fetchRescue(db, id: id) }
    }

    public func apply(_ action: RescueAction, to id: String, by: String, at: Date) async throws -> RescueOrder {
        try await dbWriter.write { db in
            guard let order = try Self.fetchRescue(db, id: id) else { throw RescueStoreError.unknownRescue(id) }
            let next: RescueOrder
            do throws(RescueTransitionError) {
                next = try order.applying(action, at: at)
            } catch {
                throw RescueStoreError.wrongState(error)
            }
            try Self.update(next, from: order, by: by, db)
            return next
        }
    }

    public func rescues(_ filter: RescueFilter) async throws -> [RescueOrder] {
        try await reader.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let unit = filter.maintenanceUnit { clauses.append("r.maintenanceUnit = ?"); arguments += [unit] }
            if let district = filter.district { clauses.append("r.district = ?"); arguments += [district] }
            if let street = filter.street { clauses.append("r.street = ?"); arguments += [street] }
            if let number = filter.number { clauses.append("r.number = ?"); arguments += [number.value] }
            if let state = filter.state { clauses.append("r.state = ?"); arguments += [state.rawValue] }
            if filter.openOnly { clauses.append("r.state IN ('reported', 'dispatched', 'accepted', 'arrived')") }
            if filter.lateOnly { clauses.append("r.lateAt IS NOT NULL") }
            if filter.escalatedOnly { clauses.append("r.escalatedAt IS NOT NULL") }
            if filter.unverifiedOnly { clauses.append("r.arrival IS NOT NULL AND r.arrival <> 'verified'") }
            if let from = filter.from { clauses.append("r.reportedAt >= ?"); arguments += [from] }
            if let to = filter.to { clauses.append("r.reportedAt < ?"); arguments += [to] }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let ids = try String.fetchAll(
                db, sql: "SELECT r.id FROM rescue r \(whereClause) ORDER BY r.reportedAt DESC, r.id LIMIT ? OFFSET ?",
                arguments: arguments + [filter.limit, filter.offset])
            return try ids.compactMap { try Self.fetchRescue(db, id: $0) }
        }
    }

    public func checkRescueDeadlines(now: Date) async throws -> RescueDeadlineReport {
        try await dbWriter.write { db in
            // Only orders still waiting, whose acceptance or arrival deadline has passed.
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM rescue WHERE state IN ('reported', 'dispatched', 'accepted')
                      AND ((escalatedAt IS NULL AND state IN ('reported', 'dispatched') AND acceptBy < ?)
                           OR (lateAt IS NULL AND arriveBy < ?))
                    """,
                arguments: [now, now])
            var report = RescueDeadlineReport()
            for id in ids {
                guard let order = try Self.fetchRescue(db, id: id) else { continue }
                let (next, escalated, late) = order.applyingDeadlines(now: now)
                guard escalated || late else { continue }
                try Self.update(next, from: order, by: "deadline watch", db)
                if escalated {
                    report.escalated.append(id)
                    let webhook = try String.fetchOne(
                        db, sql: "SELECT webhookURL FROM regulatorOffice WHERE district = ?", arguments: [next.district])
                    if let webhook {
                        try Self.queue(
                            RescueWebhookPayload(next, event: "rescue-escalated"), key: "\(id)-escalated", rescueID: id, url: webhook, at: now, db)
                    }
                }
                if late { report.markedLate.append(id) }
            }
            return report
        }
    }

    public func setRegulatorWebhook(district: String, url: String?) async throws {
        try await dbWriter.write { db in
            try db.execute(
                sql: "INSERT INTO regulatorOffice (district, webhookURL) VALUES (?, ?) ON CONFLICT(district) DO UPDATE SET webhookURL = excluded.webhookURL",
                arguments: [district, url])
        }
    }

    /// The district regulator's escalation webhook.
    public func regulatorWebhook(district: String) throws -> String? {
        try reader.read { db in
            try String.fetchOne(db, sql: "SELECT webhookURL FROM regulatorOffice WHERE district = ?", arguments: [district])
        }
    }

    public func bulletinFacts(district: String, month: CivilMonth, asOf: Date) async throws -> BulletinFacts {
        try await reader.read { db in
            let start = month.start
            let end = month.end
            let measuredOn = min(month.lastDay, ShanghaiTime.day(of: asOf))
            let rescues = try Row.fetchAll(
                db, sql: "\(Self.selectRescue) WHERE r.district = ? AND r.reportedAt >= ? AND r.reportedAt < ? ORDER BY r.reportedAt",
                arguments: [district, start, end]
            ).map(Self.rescue(from:))

            // Elevators per maintenance unit: in service, labelled, overdue, counted visits (at
            // most the month's due visits per elevator).
            let elevatorRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT mu.name AS unit, count(*) AS elevators, sum(e.isStopped = 0) AS inService,
                           sum(EXISTS (SELECT 1 FROM label l WHERE l.number = e.number AND l.status = 'active')) AS labelled,
                           sum(e.isStopped = 0 AND e.dueDay < ?) AS overdue,
                           sum(CASE WHEN e.isStopped = 0 THEN min(?, (SELECT count(*) FROM maintenanceRecord r
                               WHERE r.number = e.number AND r.endedAt >= ? AND r.endedAt < ? AND r.status = 'passed' AND r.abnormal IS NULL))
                               ELSE 0 END) AS counted
                    FROM elevator e LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
                    WHERE e.district = ? GROUP BY mu.name
                    """,
                arguments: [measuredOn.daysSinceEpoch, MonthlyBulletin.visitsDuePerMonth, start, end, district])
            let recordRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.maintenanceUnit AS unit, count(*) AS records, sum(r.abnormal IS NOT NULL) AS abnormal
                    FROM elevator e CROSS JOIN maintenanceRecord r ON r.number = e.number
                    WHERE e.district = ? AND r.endedAt >= ? AND r.endedAt < ? GROUP BY r.maintenanceUnit
                    """,
                arguments: [district, start, end])
            var counts: [String?: BulletinUnitCounts] = [:]
            for row in elevatorRows {
                let unit: String? = row["unit"]
                counts[unit] = BulletinUnitCounts(
                    unit: unit, elevators: row["elevators"], inService: row["inService"] ?? 0, labelled: row["labelled"] ?? 0,
                    countedVisits: row["counted"] ?? 0, overdue: row["overdue"] ?? 0, records: 0, abnormalRecords: 0)
            }
            for row in recordRows {
                let unit: String? = row["unit"]
                var entry = counts[unit] ?? BulletinUnitCounts(
                    unit: unit, elevators: 0, inService: 0, labelled: 0, countedVisits: 0, overdue: 0, records: 0, abnormalRecords: 0)
                entry.records += row["records"] ?? 0
                entry.abnormalRecords += row["abnormal"] ?? 0
                counts[unit] = entry
            }
            let complaints = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.routedTo, c.createdAt,
                           (SELECT min(ev.at) FROM complaintEvent ev WHERE ev.ticket = c.ticket AND ev.state = 'resolved') AS resolvedAt
                    FROM complaint c WHERE c.district = ? AND c.createdAt >= ? AND c.createdAt < ?
                    """,
                arguments: [district, start, end]
            ).map { BulletinComplaint(unit: $0["routedTo"], filedAt: $0["createdAt"], resolvedAt: $0["resolvedAt"]) }
            return BulletinFacts(
                district: district, month: month, measuredOn: measuredOn, rescues: rescues,
                units: counts.values.sorted { ($0.unit ?? "") < ($1.unit ?? "") }, complaints: complaints)
        }
    }
}
