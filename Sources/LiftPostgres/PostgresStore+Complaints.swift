import Foundation
import LiftCore
import PostgresNIO

extension PostgresStore: ComplaintStore {
    /// Files a complaint, committed (with synchronous commit) before it returns.
    ///
    /// A report of people trapped opens its rescue order in the complaint's own transaction. Other
    /// complaints filed at the same moment share one transaction and one WAL flush
    /// (`ComplaintBatch`, group commit as on SQLite); one filed alone is one statement.
    public func file(_ filing: ComplaintFiling) async throws -> Complaint {
        let policy = rescuePolicy
        if filing.rescueFiling != nil {
            return try await transaction { db in try await Self.file(filing, policy: policy, db) }
        }
        return try await complaintBatch.file(filing, in: self)
    }

    static func file(_ filing: ComplaintFiling, policy: RescuePolicy, _ db: Transaction) async throws -> Complaint {
        guard let elevator = try await db.rows(ComplaintRoutingStatement(number: filing.number.value)).first
        else { throw ComplaintStoreError.unknownElevator(filing.number) }

        let district: String = try elevator("district")
        let routing = ComplaintRouting(
            filing,
            contacts: .init(
                district: district, maintenanceUnit: try elevator("unitName"), workerLogin: try elevator("workerLogin"),
                workerName: try elevator("workerName"), webhookURL: try elevator("webhookURL")))
        let ticket = Complaint.newTicket()
        let publicID = Complaint.newPublicID()
        let at = filing.receivedAt
        let street: String? = try elevator("street")
        var complaint = routing.complaint(filing, ticket: ticket, publicID: publicID, elevatorIsClassified: try elevator("isClassified"))
        let rescue = filing.rescueFiling
        // The complaint, its events and (unless a rescue comes first) its webhook row: one statement.
        var insert = SQLStatement("WITH filed AS (")
        insert.append(
            """
            INSERT INTO complaint (ticket, publicId, category, problem, text, phone, role, number, labelSerial, verification,
                state, routedTo, routedWorker, district, street, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, ticket, publicID, filing.draft.category.rawValue, filing.draft.problem?.rawValue, filing.draft.text, filing.draft.phone,
            filing.draft.role.rawValue, filing.number.value, filing.label?.serial, filing.verification.rawValue, routing.state.rawValue,
            routing.routedTo, routing.routedWorker, district, street, at, at)
        insert.append("), logged AS (INSERT INTO complaintEvent (ticket, at, state, note) VALUES ")
        for (index, event) in routing.events.enumerated() {
            insert.append(constant: index == 0 ? "" : ", ")
            insert.append("(?, ?, ?, ?)", ticket, event.at, event.state.rawValue, event.note)
        }
        insert.append(") ")
        if let webhook = routing.webhookURL, rescue == nil {
            insert.append(
                "INSERT INTO outbox (ticket, url, payload, nextAttemptAt) VALUES (?, ?, ?, ?)", ticket, webhook,
                try ComplaintWebhookPayload(complaint).json(), at)
        } else {
            insert.append("SELECT 1")
        }
        try await db.execute(insert.query)
        if let rescue {
            // People trapped: the same transaction opens a rescue order (or joins the open one),
            // and the webhook carries it.
            let order = try await openOrJoinRescue(rescue, policy: policy, db)
            try await db.execute("UPDATE complaint SET rescueId = \(order.id) WHERE ticket = \(ticket)")
            complaint.rescueID = order.id
            complaint.rescue = PublicRescue(order)
            if let webhook = routing.webhookURL {
                try await db.execute(
                    """
                    INSERT INTO outbox (ticket, url, payload, nextAttemptAt)
                    VALUES (\(ticket), \(webhook), \(try ComplaintWebhookPayload(complaint).json()), \(at))
                    """)
            }
        }
        return complaint
    }

    static func insert(_ event: ComplaintEvent, ticket: String, _ db: Transaction) async throws {
        try await db.execute(
            "INSERT INTO complaintEvent (ticket, at, state, note) VALUES (\(ticket), \(event.at), \(event.state.rawValue), \(event.note))")
    }

    /// A complaint's row with whether its elevator is classified.
    static let selectComplaint = "SELECT c.*, e.isClassified AS elevatorIsClassified FROM complaint c LEFT JOIN elevator e ON e.number = c.number"

    public func complaint(ticket: String) async throws -> Complaint? {
        try await client.withConnection { connection in
            try await Self.fetchComplaint(Transaction(connection: connection, logger: logger), ticket: ticket)
        }
    }

    public func complaint(publicID: String) async throws -> Complaint? {
        try await client.withConnection { connection in
            let db = Transaction(connection: connection, logger: logger)
            guard let ticket = try await db.scalar("SELECT ticket FROM complaint WHERE publicId = \(publicID)", as: String.self) else {
                return nil
            }
            return try await Self.fetchComplaint(db, ticket: ticket)
        }
    }

    static func fetchComplaint(_ db: Transaction, ticket: String) async throws -> Complaint? {
        var statement = SQLStatement()
        statement.append(constant: selectComplaint)
        statement.append(" WHERE c.ticket = ?", ticket)
        guard let row = try await db.rows(statement).first else { return nil }
        var complaint = try complaint(from: row)
        if let rescueID = complaint.rescueID {
            complaint.rescue = try await fetchRescue(db, id: rescueID).map(PublicRescue.init)
        }
        complaint.events = try await db.rows("SELECT * FROM complaintEvent WHERE ticket = \(ticket) ORDER BY id").map {
            ComplaintEvent(at: try $0("at"), state: ComplaintState(rawValue: try $0("state")) ?? .received, note: try $0("note"))
        }
        return complaint
    }

    static func complaint(from row: RowReader) throws -> Complaint {
        let value: Int = try row("number")
        guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("complaint about \(value)") }
        let draft = ComplaintDraft(
            category: ComplaintCategory(rawValue: try row("category")) ?? .complaint,
            problem: (try row("problem") as String?).flatMap(ComplaintProblem.init(rawValue:)),
            text: try row("text"), phone: try row("phone"), role: ReporterRole(rawValue: try row("role")) ?? .passenger)
        var complaint = Complaint(
            ticket: try row("ticket"), publicID: try row("publicId"), elevatorIsClassified: try row("elevatorIsClassified") ?? false,
            draft: draft, number: number, label: (try row("labelSerial") as Int?).map { LabelID(number: number, serial: $0) },
            verification: VerificationOutcome(rawValue: try row("verification")) ?? .unverified,
            state: ComplaintState(rawValue: try row("state")) ?? .received, routedTo: try row("routedTo"),
            routedWorker: try row("routedWorker"), resolution: try row("resolution"), satisfied: try row("satisfied"),
            createdAt: try row("createdAt"))
        complaint.rescueID = try row("rescueId")
        return complaint
    }

    /// What a transition changes besides the state.
    enum ComplaintChange {
        case none
        case satisfied(Bool)
        case assigned(String)
        case resolution(String)
    }

    /// Moves a complaint to a new state if `allowed` contains its current one (the row locked
    /// while it is checked and changed).
    func transition(
        _ ticket: String, to state: @escaping @Sendable (ComplaintState) -> ComplaintState, from allowed: Set<ComplaintState>,
        action: String, at: Date, note: String?, change: ComplaintChange = .none
    ) async throws -> Complaint {
        try await transaction { db in
            guard let current = try await db.scalar("SELECT state FROM complaint WHERE ticket = \(ticket) FOR UPDATE", as: String.self)
                .flatMap(ComplaintState.init(rawValue:))
            else { throw ComplaintStoreError.unknownTicket(ticket) }
            guard allowed.contains(current) else { throw ComplaintStoreError.wrongState(ticket: ticket, state: current, action: action) }
            let next = state(current)
            try await db.execute("UPDATE complaint SET state = \(next.rawValue), updatedAt = \(at) WHERE ticket = \(ticket)")
            switch change {
            case .none: break
            case .satisfied(let satisfied): try await db.execute("UPDATE complaint SET satisfied = \(satisfied) WHERE ticket = \(ticket)")
            case .assigned(let login):
                try await db.execute("UPDATE complaint SET routedWorker = \(login), assignedWorker = \(login) WHERE ticket = \(ticket)")
            case .resolution(let text): try await db.execute("UPDATE complaint SET resolution = \(text) WHERE ticket = \(ticket)")
            }
            try await Self.insert(ComplaintEvent(at: at, state: next, note: note), ticket: ticket, db)
            guard let complaint = try await Self.fetchComplaint(db, ticket: ticket) else { throw ComplaintStoreError.unknownTicket(ticket) }
            return complaint
        }
    }

    public func recordFeedback(ticket: String, satisfied: Bool, at: Date) async throws -> Complaint {
        try await transition(
            ticket, to: { _ in .closed }, from: [.resolved], action: "given feedback", at: at,
            note: satisfied ? "satisfied" : "not satisfied", change: .satisfied(satisfied))
    }

    public func acknowledge(ticket: String, by: String, at: Date) async throws -> Complaint {
        try await transition(ticket, to: { _ in .acknowledged }, from: [.received, .routed], action: "acknowledged", at: at, note: by)
    }

    public func assign(ticket: String, workerLogin: String, workerName: String, by: String, at: Date) async throws -> Complaint {
        try await transition(
            ticket, to: { $0 == .received || $0 == .routed ? .acknowledged : $0 }, from: [.received, .routed, .acknowledged],
            action: "assigned", at: at, note: "\(by) → \(workerName)", change: .assigned(workerLogin))
    }

    public func resolve(ticket: String, resolution: String, by: String, at: Date) async throws -> Complaint {
        try await transition(
            ticket, to: { _ in .resolved }, from: [.received, .routed, .acknowledged], action: "resolved", at: at, note: by,
            change: .resolution(resolution))
    }

    /// Closes complaints resolved more than seven days before `now` that got no feedback.
    public func closeStaleComplaints(now: Date) async throws -> Int {
        try await transaction { db in
            let cutoff = now.addingTimeInterval(-Complaint.autoCloseInterval)
            let tickets = try await db.rows(
                "UPDATE complaint SET state = 'closed', updatedAt = \(now) WHERE state = 'resolved' AND updatedAt < \(cutoff) RETURNING ticket"
            ).map { try $0("ticket", as: String.self) }
            for ticket in tickets {
                try await Self.insert(ComplaintEvent(at: now, state: .closed, note: "closed 7 days after resolution"), ticket: ticket, db)
            }
            return tickets.count
        }
    }

    public func complaints(_ filter: ComplaintFilter) async throws -> [Complaint] {
        var statement = SQLStatement()
        statement.append(constant: Self.selectComplaint)
        statement.append(" WHERE true")
        if let routedTo = filter.routedTo { statement.append(" AND c.routedTo = ?", routedTo) }
        if let worker = filter.workerLogin { statement.append(" AND c.routedWorker = ?", worker) }
        if let district = filter.district { statement.append(" AND c.district = ?", district) }
        if let street = filter.street { statement.append(" AND c.street = ?", street) }
        if let number = filter.number { statement.append(" AND c.number = ?", number.value) }
        if let userUnit = filter.userUnit {
            statement.append(" AND c.number IN (SELECT ue.number FROM elevator ue JOIN unit u ON u.id = ue.userUnitId WHERE u.name = ?)", userUnit)
        }
        if filter.openOnly { statement.append(" AND c.state IN ('received', 'routed', 'acknowledged')") }
        statement.append(" ORDER BY c.createdAt DESC LIMIT ?", max(filter.limit, 0))
        return try await rows(statement).map(Self.complaint(from:))
    }
}

extension PostgresStore: OutboxStore {
    /// Claims due deliveries for this server: the rows are locked with `FOR UPDATE SKIP LOCKED`
    /// (so two servers asking at once get different rows) and marked claimed for
    /// `outboxClaimSeconds` (by the servers' clocks, which must agree), after which
    /// another server may take over what this one left. At most `outboxClaimsPerAddress` rows of
    /// one address are claimed at a time: a server delivers an address's rows one after another,
    /// each within the delivery timeout, so every claimed row is tried before its claim runs out
    /// and no other server can take it meanwhile (with 200 rows for one slow address, the last
    /// would otherwise wait past its claim and be sent twice).
    public func dueDeliveries(at now: Date, limit: Int, excluding: Set<String>) async throws -> [OutboxDelivery] {
        let claimedUntil = now.addingTimeInterval(Self.outboxClaimSeconds)
        let busy = Array(excluding)
        return try await transaction { db in
            // The secret of the unit the complaint is routed to, as it is now.
            try await db.rows(
                """
                WITH candidates AS (
                    SELECT id FROM (
                        SELECT id, row_number() OVER (PARTITION BY url ORDER BY nextAttemptAt, id) AS place FROM outbox
                        WHERE deliveredAt IS NULL AND nextAttemptAt <= \(now)
                          AND (claimedUntil IS NULL OR claimedUntil <= \(now))
                          AND NOT (url = ANY(\(busy)))
                    ) ranked
                    WHERE place <= \(Self.outboxClaimsPerAddress)),
                claimed AS (
                    UPDATE outbox SET claimedUntil = \(claimedUntil)
                    WHERE id IN (
                        SELECT id FROM outbox
                        WHERE id IN (SELECT id FROM candidates)
                          AND deliveredAt IS NULL AND (claimedUntil IS NULL OR claimedUntil <= \(now))
                        ORDER BY nextAttemptAt, id LIMIT \(max(limit, 0))
                        FOR UPDATE SKIP LOCKED)
                    RETURNING *)
                SELECT o.*, COALESCE(o.idempotencyKey, c.publicId) AS deliveryKey, u.webhookSecret FROM claimed o
                LEFT JOIN complaint c ON c.ticket = o.ticket
                LEFT JOIN rescue r ON r.id = o.rescueId
                LEFT JOIN unit u ON u.kind = 'maintenance' AND u.name = COALESCE(c.routedTo, r.maintenanceUnit) AND u.webhookURL = o.url
                ORDER BY o.nextAttemptAt, o.id
                """
            ).map {
                OutboxDelivery(
                    id: try $0("id"), ticket: try $0("ticket") ?? "", complaintID: try $0("deliveryKey") ?? "", url: try $0("url"),
                    payload: try $0("payload"), attempts: try $0("attempts"),
                    secret: (try $0("webhookSecret") as String?).map(WebhookSecret.init(unchecked:)))
            }
        }
    }

    public func markDelivered(_ id: Int64, at: Date) async throws {
        try await execute(
            "UPDATE outbox SET deliveredAt = \(at), attempts = attempts + 1, lastError = NULL, claimedUntil = NULL WHERE id = \(id)")
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date) async throws {
        try await execute(
            """
            UPDATE outbox SET attempts = attempts + 1, lastError = \(String(error.prefix(500))), nextAttemptAt = \(retryAt),
                claimedUntil = NULL WHERE id = \(id)
            """)
    }
}
