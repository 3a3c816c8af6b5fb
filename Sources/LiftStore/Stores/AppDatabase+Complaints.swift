import Foundation
import GRDB
import LiftCore

extension AppDatabase: ComplaintStore {
    public func file(_ filing: ComplaintFiling) async throws -> Complaint {
        // Durable before it returns; complaints filed at the same moment share one commit.
        let policy = rescuePolicy
        return try await groupCommit.perform { db in try Self.file(filing, policy: policy, db) }
    }

    static func file(_ filing: ComplaintFiling, policy: RescuePolicy, _ db: Database) throws -> Complaint {
        guard let elevator = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                SELECT e.district, e.street, e.isClassified, mu.name AS unitName, mu.webhookURL, r.workerLogin, r.workerName
                FROM elevator e
                LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
                LEFT JOIN maintenanceRecord r ON r.id = e.lastRecordId AND r.maintenanceUnit = mu.name
                WHERE e.number = ?
                """),
            arguments: [filing.number.value])
        else { throw ComplaintStoreError.unknownElevator(filing.number) }

        let district: String = elevator["district"]
        let routing = ComplaintRouting(
            filing,
            contacts: .init(
                district: district, maintenanceUnit: elevator["unitName"], workerLogin: elevator["workerLogin"],
                workerName: elevator["workerName"], webhookURL: elevator["webhookURL"]))
        let ticket = Complaint.newTicket()
        let publicID = Complaint.newPublicID()
        let at = filing.receivedAt
        try db.execute(
            sql: """
                INSERT INTO complaint (ticket, publicId, category, problem, text, phone, role, number, labelSerial, verification,
                    state, routedTo, routedWorker, district, street, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                ticket, publicID, filing.draft.category.rawValue, filing.draft.problem?.rawValue, filing.draft.text, filing.draft.phone,
                filing.draft.role.rawValue, filing.number.value, filing.label?.serial, filing.verification.rawValue,
                routing.state.rawValue, routing.routedTo, routing.routedWorker, district, elevator["street"] as String?, at, at,
            ])
        for event in routing.events { try insert(event, ticket: ticket, db) }
        var complaint = routing.complaint(filing, ticket: ticket, publicID: publicID, elevatorIsClassified: elevator["isClassified"])
        if let rescue = filing.rescueFiling {
            // People trapped: the same transaction opens a rescue order (or joins the elevator's
            // open one) and dispatches it, on top of the complaint's own routing.
            let order = try openOrJoinRescue(rescue, policy: policy, db)
            try db.execute(sql: "UPDATE complaint SET rescueId = ? WHERE ticket = ?", arguments: [order.id, ticket])
            complaint.rescueID = order.id
            complaint.rescue = PublicRescue(order)
        }
        if let webhook = routing.webhookURL {
            try db.execute(
                sql: "INSERT INTO outbox (ticket, url, payload, nextAttemptAt) VALUES (?, ?, ?, ?)",
                arguments: [ticket, webhook, try ComplaintWebhookPayload(complaint).json(), at])
        }
        return complaint
    }

    /// The market-supervision office a district's counterfeit-label complaints go to.
    public static func regulatorName(district: String) -> String { RegulatorOffice.name(district: district) }

    static func insert(_ event: ComplaintEvent, ticket: String, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO complaintEvent (ticket, at, state, note) VALUES (?, ?, ?, ?)",
            arguments: [ticket, event.at, event.state.rawValue, event.note])
    }

    public func complaint(ticket: String) async throws -> Complaint? {
        try await reader.read { db in try Self.fetchComplaint(db, ticket: ticket) }
    }

    static func fetchComplaint(_ db: Database, ticket: String) throws -> Complaint? {
        guard let row = try Row.fetchOne(db, sql: "\(selectComplaint) WHERE c.ticket = ?", arguments: [ticket]) else { return nil }
        var complaint = try complaint(from: row)
        if let rescueID = complaint.rescueID {
            complaint.rescue = try fetchRescue(db, id: rescueID).map(PublicRescue.init)
        }
        complaint.events = try Row.fetchAll(
            db, sql: "SELECT * FROM complaintEvent WHERE ticket = ? ORDER BY id", arguments: [ticket]
        ).map { ComplaintEvent(at: $0["at"], state: ComplaintState(rawValue: $0["state"]) ?? .received, note: $0["note"]) }
        return complaint
    }

    /// A complaint's row with whether its elevator is classified.
    static let selectComplaint = "SELECT c.*, e.isClassified AS elevatorIsClassified FROM complaint c LEFT JOIN elevator e ON e.number = c.number"

    /// A complaint by its public id, with its timeline.
    public func complaint(publicID: String) async throws -> Complaint? {
        try await reader.read { db in
            guard let ticket = try String.fetchOne(db, sql: "SELECT ticket FROM complaint WHERE publicId = ?", arguments: [publicID]) else {
                return nil
            }
            return try Self.fetchComplaint(db, ticket: ticket)
        }
    }

    static func complaint(from row: Row) throws -> Complaint {
        let number = NNumber(value: row["number"])!
        let draft = ComplaintDraft(
            category: ComplaintCategory(rawValue: row["category"]) ?? .complaint,
            problem: (row["problem"] as String?).flatMap(ComplaintProblem.init(rawValue:)),
            text: row["text"], phone: row["phone"], role: ReporterRole(rawValue: row["role"]) ?? .passenger)
        var complaint = Complaint(
            ticket: row["ticket"], publicID: row["publicId"], elevatorIsClassified: row["elevatorIsClassified"] ?? false, draft: draft, number: number,
            label: (row["labelSerial"] as Int?).map { LabelID(number: number, serial: $0) },
            verification: VerificationOutcome(rawValue: row["verification"]) ?? .unverified,
            state: ComplaintState(rawValue: row["state"]) ?? .received, routedTo: row["routedTo"],
            routedWorker: row["routedWorker"], resolution: row["resolution"], satisfied: row["satisfied"],
            createdAt: row["createdAt"])
        complaint.rescueID = row["rescueId"]
        return complaint
    }

    /// Moves a complaint to a new state if `allowed` contains its current one.
    func transition(
        _ ticket: String, to state: ComplaintState, from allowed: Set<ComplaintState>, action: String, at: Date, note: String?,
        update: String? = nil, arguments: StatementArguments = []
    ) async throws -> Complaint {
        try await dbWriter.write { db in
            guard let current = try String.fetchOne(db, sql: "SELECT state FROM complaint WHERE ticket = ?", arguments: [ticket])
                .flatMap(ComplaintState.init(rawValue:))
            else { throw ComplaintStoreError.unknownTicket(ticket) }
            guard allowed.contains(current) else { throw ComplaintStoreError.wrongState(ticket: ticket, state: current, action: action) }
            try db.execute(
                sql: "UPDATE complaint SET state = ?, updatedAt = ?\(update.map { ", " + $0 } ?? "") WHERE ticket = ?",
                arguments: [state.rawValue, at] + arguments + [ticket])
            try Self.insert(ComplaintEvent(at: at, state: state, note: note), ticket: ticket, db)
            return try Self.fetchComplaint(db, ticket: ticket)!
        }
    }

    public func recordFeedback(ticket: String, satisfied: Bool, at: Date) async throws -> Complaint {
        try await transition(
            ticket, to: .closed, from: [.resolved], action: "given feedback", at: at,
            note: satisfied ? "satisfied" : "not satisfied", update: "satisfied = ?", arguments: [satisfied])
    }

    public func acknowledge(ticket: String, by: String, at: Date) async throws -> Complaint {
        try await transition(ticket, to: .acknowledged, from: [.received, .routed], action: "acknowledged", at: at, note: by)
    }

    public func assign(ticket: String, workerLogin: String, workerName: String, by: String, at: Date) async throws -> Complaint {
        let current = try await complaint(ticket: ticket)?.state ?? .received
        return try await transition(
            ticket, to: current == .received || current == .routed ? .acknowledged : current, from: [.received, .routed, .acknowledged],
            action: "assigned", at: at, note: "\(by) → \(workerName)", update: "routedWorker = ?, assignedWorker = ?",
            arguments: [workerLogin, workerLogin])
    }

    public func resolve(ticket: String, resolution: String, by: String, at: Date) async throws -> Complaint {
        try await transition(
            ticket, to: .resolved, from: [.received, .routed, .acknowledged], action: "resolved", at: at, note: by,
            update: "resolution = ?", arguments: [resolution])
    }

    /// Closes complaints resolved more than seven days before `now` that got no feedback.
    public func closeStaleComplaints(now: Date) throws -> Int {
        try dbWriter.write { db in
            let cutoff = now.addingTimeInterval(-Complaint.autoCloseInterval)
            let tickets = try String.fetchAll(
                db, sql: "SELECT ticket FROM complaint WHERE state = 'resolved' AND updatedAt < ?", arguments: [cutoff])
            for ticket in tickets {
                try db.execute(sql: "UPDATE complaint SET state = 'closed', updatedAt = ? WHERE ticket = ?", arguments: [now, ticket])
                try Self.insert(ComplaintEvent(at: now, state: .closed, note: "closed 7 days after resolution"), ticket: ticket, db)
            }
            return tickets.count
        }
    }

    public func complaints(_ filter: ComplaintFilter) async throws -> [Complaint] {
        try await reader.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let routedTo = filter.routedTo { clauses.append("c.routedTo = ?"); arguments += [routedTo] }
            if let worker = filter.workerLogin { clauses.append("c.routedWorker = ?"); arguments += [worker] }
            if let district = filter.district { clauses.append("c.district = ?"); arguments += [district] }
            if let street = filter.street { clauses.append("c.street = ?"); arguments += [street] }
            if let number = filter.number { clauses.append("c.number = ?"); arguments += [number.value] }
            if let userUnit = filter.userUnit {
                clauses.append("c.number IN (SELECT ue.number FROM elevator ue JOIN unit u ON u.id = ue.userUnitId WHERE u.name = ?)")
                arguments += [userUnit]
            }
            if filter.openOnly { clauses.append("c.state IN ('received', 'routed', 'acknowledged')") }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [filter.limit]
            return try Row.fetchAll(
                db, sql: "\(Self.selectComplaint) \(whereClause) ORDER BY c.createdAt DESC LIMIT ?", arguments: arguments
            ).map(Self.complaint(from:))
        }
    }
}
