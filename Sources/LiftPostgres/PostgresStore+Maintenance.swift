import Foundation
import LiftCore
import PostgresNIO

extension PostgresStore: MaintenanceStore {
    /// Stores many records in one transaction (imports, demo data).
    public func insertMaintenanceRecords(_ records: [MaintenanceRecord]) async throws -> Int {
        try await transaction { db in
            for record in records { _ = try await Self.insert(record, db) }
            return records.count
        }
    }

    static func insert(_ record: MaintenanceRecord, _ db: Transaction, skipDuplicate: Bool = false) async throws -> MaintenanceRecord? {
        let items = String(decoding: try JSONEncoder().encode(record.items), as: UTF8.self)
        let day = ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch
        var statement = SQLStatement(
            """
            INSERT INTO maintenanceRecord (clientId, number, type, startedAt, endedAt, uploadedAt, uploadDay,
                workerLogin, workerName, maintenanceUnit, status, uploadStatus, abnormal, verification, items, remarks)
            """)
        statement.append(
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", record.clientID, record.number.value, record.type.rawValue,
            record.startedAt, record.endedAt, record.uploadedAt, day, record.workerLogin, record.workerName, record.maintenanceUnit,
            record.status.rawValue, record.status.rawValue, record.abnormal?.rawValue, record.verification.rawValue, items, record.remarks)
        if skipDuplicate { statement.append(" ON CONFLICT (workerLogin, clientId) DO NOTHING") }
        statement.append(" RETURNING id")
        guard let id = try await db.rows(statement).first.map({ try $0("id", as: Int64.self) }) else { return nil }
        var stored = record
        stored.id = id
        if record.isCounted { try await count(stored, db) }
        return stored
    }

    /// Folds a counted record into its elevator's maintenance state (the elevator's row locked).
    static func count(_ record: MaintenanceRecord, _ db: Transaction) async throws {
        guard let row = try await db.row("SELECT * FROM elevator WHERE number = \(record.number.value) FOR UPDATE") else { return }
        var history = try history(from: row)
        history.record(record.type, on: ShanghaiTime.day(of: record.endedAt))
        let lastRecordID: Int64? = try row("lastRecordId")
        let lastEnded = try await db.scalar("SELECT endedAt FROM maintenanceRecord WHERE id = \(lastRecordID)", as: Date.self)
        let isLatest = lastEnded.map { record.endedAt >= $0 } ?? true
        try await db.execute(
            """
            UPDATE elevator SET lastHalfMonthDay = \(history.lastCounted[.halfMonth]?.daysSinceEpoch),
                lastQuarterlyDay = \(history.lastCounted[.quarterly]?.daysSinceEpoch),
                lastHalfYearDay = \(history.lastCounted[.halfYear]?.daysSinceEpoch),
                lastYearlyDay = \(history.lastCounted[.yearly]?.daysSinceEpoch),
                firstCountedDay = \(history.firstCounted?.daysSinceEpoch), dueDay = \(history.dueDay?.daysSinceEpoch),
                lastRecordId = \(isLatest ? record.id : lastRecordID) WHERE number = \(record.number.value)
            """)
    }

    // MARK: - Uploads

    /// Stores an upload. The worker's uploads are serialised across every server by an advisory
    /// lock on the login, taken before the retry check: a retried upload id finds the first, and
    /// of two concurrent uploads one counts the other among the day's elevators.
    public func upload(_ record: MaintenanceRecord) async throws -> MaintenanceUpload {
        try await transaction { db in
            try await db.lock("liftcode-worker-" + record.workerLogin)
            return try await Self.upload(record, db)
        }
    }

    static func upload(_ record: MaintenanceRecord, _ db: Transaction) async throws -> MaintenanceUpload {
        if let clientID = record.clientID,
            let id = try await db.scalar(
                "SELECT id FROM maintenanceRecord WHERE workerLogin = \(record.workerLogin) AND clientId = \(clientID)", as: Int64.self),
            let entry = try await fetchEntry(db, id: id)
        {
            return MaintenanceUpload(entry: entry, isRetry: true)
        }
        guard try await db.scalar("SELECT 1 FROM elevator WHERE number = \(record.number.value)", as: Int.self) != nil else {
            throw MaintenanceStoreError.unknownElevator(record.number)
        }
        // One worker is at one elevator at a time: a visit overlapping another is refused.
        if let overlapping = try await db.row(
            """
            SELECT id, number FROM maintenanceRecord
            WHERE workerLogin = \(record.workerLogin) AND startedAt < \(record.endedAt) AND endedAt > \(record.startedAt)
            ORDER BY startedAt LIMIT 1
            """)
        {
            throw MaintenanceStoreError.overlaps(
                recordID: try overlapping("id"), number: NNumber(value: try overlapping("number")) ?? record.number)
        }
        // Distinct other elevators the worker uploaded earlier this Shanghai day.
        let before = try await db.scalar(
            """
            SELECT count(DISTINCT number) FROM maintenanceRecord
            WHERE workerLogin = \(record.workerLogin) AND uploadDay = \(ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch)
              AND number <> \(record.number.value)
            """, as: Int.self) ?? 0
        var new = record
        new.id = nil
        // The worker register's name, where it knows the login (the public page shows it).
        if let name = try await db.scalar("SELECT name FROM worker WHERE login = \(record.workerLogin)", as: String.self) {
            new.workerName = name
        }
        new.abnormal = MaintenanceRules.abnormal(end: record.endedAt, uploadedAt: record.uploadedAt, elevatorsBefore: before)
        guard let stored = try await insert(new, db), let id = stored.id, let entry = try await fetchEntry(db, id: id) else {
            throw MaintenanceStoreError.unknownElevator(record.number)
        }
        return MaintenanceUpload(entry: entry, isRetry: false)
    }

    // MARK: - Review

    public func review(id: Int64, decision: ReviewStatus, note: String?, by reviewer: String, at: Date) async throws -> MaintenanceEntry {
        guard [.passed, .invalid, .needsData].contains(decision) else { throw MaintenanceStoreError.notADecision(decision) }
        return try await transaction { db in
            try await db.execute("SELECT 1 FROM maintenanceRecord WHERE id = \(id) FOR UPDATE")
            guard let entry = try await Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            guard entry.record.status == .reviewing else {
                throw MaintenanceStoreError.wrongStatus(id: id, status: entry.record.status, action: "reviewed")
            }
            try await db.execute(
                """
                UPDATE maintenanceRecord SET status = \(decision.rawValue), reviewNote = \(note), reviewedBy = \(reviewer), reviewedAt = \(at)
                WHERE id = \(id)
                """)
            var record = entry.record
            record.status = decision
            if record.isCounted { try await Self.count(record, db) }
            guard let updated = try await Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            return updated
        }
    }

    public func supplement(id: Int64, items: [String]?, remarks: String?, at: Date) async throws -> MaintenanceEntry {
        try await transaction { db in
            try await db.execute("SELECT 1 FROM maintenanceRecord WHERE id = \(id) FOR UPDATE")
            guard let entry = try await Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            guard entry.record.status == .needsData else {
                throw MaintenanceStoreError.wrongStatus(id: id, status: entry.record.status, action: "supplemented")
            }
            let newItems = try items.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try await db.execute(
                """
                UPDATE maintenanceRecord SET status = \(ReviewStatus.reviewing.rawValue), items = coalesce(\(newItems), items),
                    remarks = coalesce(\(remarks), remarks), supplementedAt = \(at) WHERE id = \(id)
                """)
            guard let updated = try await Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            return updated
        }
    }

    // MARK: - Reading

    public func maintenanceEntry(id: Int64) async throws -> MaintenanceEntry? {
        try await client.withConnection { connection in
            try await Self.fetchEntry(Transaction(connection: connection, logger: logger), id: id)
        }
    }

    public func maintenanceEntries(_ filter: MaintenanceFilter) async throws -> [MaintenanceEntry] {
        var statement = SQLStatement()
        statement.append(constant: Self.entrySQL)
        statement.append(" WHERE true")
        if let login = filter.workerLogin { statement.append(" AND r.workerLogin = ?", login) }
        if let unit = filter.maintenanceUnit { statement.append(" AND r.maintenanceUnit = ?", unit) }
        if let unit = filter.userUnit { statement.append(" AND e.userUnitId = (SELECT id FROM unit WHERE kind = 'user' AND name = ?)", unit) }
        if let district = filter.district { statement.append(" AND e.district = ?", district) }
        if let street = filter.street { statement.append(" AND e.street = ?", street) }
        if let number = filter.number { statement.append(" AND r.number = ?", number.value) }
        if let status = filter.status { statement.append(" AND r.status = ?", status.rawValue) }
        if let abnormal = filter.abnormal { statement.append(" AND r.abnormal = ?", abnormal.rawValue) }
        statement.append(filter.byUpload ? " ORDER BY r.uploadedAt DESC, r.id DESC" : " ORDER BY r.endedAt DESC, r.id DESC")
        statement.append(" LIMIT ? OFFSET ?", max(filter.limit, 0), max(filter.offset, 0))
        return try await rows(statement).map(Self.entry(from:))
    }

    static let entrySQL = """
        SELECT r.*, e.district AS elevatorDistrict, e.street AS elevatorStreet, uu.name AS userUnitName, mu.name AS elevatorUnitName
        FROM maintenanceRecord r
        LEFT JOIN elevator e ON e.number = r.number
        LEFT JOIN unit uu ON uu.id = e.userUnitId
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        """

    static func fetchEntry(_ db: Transaction, id: Int64) async throws -> MaintenanceEntry? {
        var statement = SQLStatement()
        statement.append(constant: entrySQL)
        statement.append(" WHERE r.id = ?", id)
        return try await db.rows(statement).first.map(entry(from:))
    }

    static func entry(from row: RowReader) throws -> MaintenanceEntry {
        let record = try maintenanceRecord(from: row)
        var review: MaintenanceReview?
        if let by: String = try row("reviewedBy"), let at: Date = try row("reviewedAt") {
            review = MaintenanceReview(status: record.status, note: try row("reviewNote"), by: by, at: at)
        }
        return MaintenanceEntry(
            record: record, uploadStatus: (try row("uploadStatus") as String?).flatMap(ReviewStatus.init(rawValue:)) ?? record.status,
            review: review, supplementedAt: try row("supplementedAt"), district: try row("elevatorDistrict"),
            street: try row("elevatorStreet"), userUnit: try row("userUnitName"), elevatorMaintenanceUnit: try row("elevatorUnitName"))
    }

    static func maintenanceRecord(from row: RowReader) throws -> MaintenanceRecord {
        let value: Int = try row("number")
        guard let number = NNumber(value: value), let type = MaintenanceType(rawValue: try row("type")),
            let status = ReviewStatus(rawValue: try row("status"))
        else {
            throw PostgresStoreError.corruptRow("maintenanceRecord \(try row("id", as: Int64.self)) holds an unknown number, type or status")
        }
        let items = (try row("items") as String?).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return MaintenanceRecord(
            id: try row("id"), clientID: try row("clientId"), number: number, type: type, startedAt: try row("startedAt"),
            endedAt: try row("endedAt"), uploadedAt: try row("uploadedAt"), workerLogin: try row("workerLogin"),
            workerName: try row("workerName"), maintenanceUnit: try row("maintenanceUnit"), status: status,
            abnormal: (try row("abnormal") as String?).flatMap(AbnormalType.init(rawValue:)),
            verification: (try row("verification") as String?).flatMap(VerificationOutcome.init(rawValue:)) ?? .unverified,
            items: items, remarks: try row("remarks"))
    }

    // MARK: - Import

    public func importMaintenance(_ produce: (_ add: (MaintenanceRecord) throws -> Void) throws -> Void) async throws -> MaintenanceImportSummary {
        try await transaction { db in
            try await db.lock("liftcode-maintenance-import")
            var summary = MaintenanceImportSummary()
            var units = UnitIDs()
            var knownElevators = Set<Int>()
            var knownWorkers = Set<String>()
            // The records this import added (uploads may be stored by other servers meanwhile).
            var added: [Int64] = []
            try await RowFeed.feed(chunkSize: 2000, produce) { chunk in
                for record in chunk {
                    if !knownElevators.contains(record.number.value) {
                        guard try await db.scalar("SELECT 1 FROM elevator WHERE number = \(record.number.value)", as: Int.self) != nil else {
                            throw MaintenanceStoreError.unknownElevator(record.number)
                        }
                        knownElevators.insert(record.number.value)
                    }
                    if !knownWorkers.contains(record.workerLogin) {
                        if try await db.scalar("SELECT 1 FROM worker WHERE login = \(record.workerLogin)", as: Int.self) == nil {
                            let unitID = try await units.id(db, name: record.maintenanceUnit, kind: .maintenance)
                            try await db.execute(
                                "INSERT INTO worker (login, name, unitId) VALUES (\(record.workerLogin), \(record.workerName), \(unitID))")
                            summary.workersCreated += 1
                        }
                        knownWorkers.insert(record.workerLogin)
                    }
                    if let stored = try await Self.insertForImport(record, db) {
                        summary.inserted += 1
                        added.append(stored)
                    } else {
                        summary.alreadyPresent += 1
                    }
                }
            }
            // The 9th and later elevators of a worker's Shanghai day among this import's records.
            summary.overQuotaDerived = try await db.rows(
                """
                UPDATE maintenanceRecord AS r SET abnormal = 'over-quota'
                WHERE r.id = ANY(\(added)) AND r.abnormal IS NULL AND (
                    SELECT count(DISTINCT o.number) FROM maintenanceRecord o
                    WHERE o.workerLogin = r.workerLogin AND o.uploadDay = r.uploadDay AND o.id = ANY(\(added)) AND o.number <> r.number
                      AND (o.uploadedAt < r.uploadedAt OR (o.uploadedAt = r.uploadedAt AND o.id < r.id))
                ) >= \(MaintenanceRules.dailyQuota)
                RETURNING r.id
                """
            ).count
            let counted = try await db.rows(
                "SELECT * FROM maintenanceRecord WHERE id = ANY(\(added)) AND status = 'passed' AND abnormal IS NULL ORDER BY endedAt, id")
            for row in counted { try await Self.count(try Self.maintenanceRecord(from: row), db) }
            summary.counted = counted.count
            summary.lateUpload = try await db.scalar(
                "SELECT count(*) FROM maintenanceRecord WHERE id = ANY(\(added)) AND abnormal = 'late-upload'", as: Int.self) ?? 0
            summary.overQuota = try await db.scalar(
                "SELECT count(*) FROM maintenanceRecord WHERE id = ANY(\(added)) AND abnormal = 'over-quota'", as: Int.self) ?? 0
            return summary
        }
    }

    /// Inserts an imported record as it comes, not yet folded into its elevator; nil when the
    /// worker's client id is already stored.
    static func insertForImport(_ record: MaintenanceRecord, _ db: Transaction) async throws -> Int64? {
        let items = String(decoding: try JSONEncoder().encode(record.items), as: UTF8.self)
        let day = ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch
        var statement = SQLStatement(
            """
            INSERT INTO maintenanceRecord (clientId, number, type, startedAt, endedAt, uploadedAt, uploadDay,
                workerLogin, workerName, maintenanceUnit, status, uploadStatus, abnormal, verification, items, remarks)
            """)
        statement.append(
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workerLogin, clientId) DO NOTHING RETURNING id",
            record.clientID, record.number.value, record.type.rawValue, record.startedAt, record.endedAt, record.uploadedAt, day,
            record.workerLogin, record.workerName, record.maintenanceUnit, record.status.rawValue, record.status.rawValue,
            record.abnormal?.rawValue, record.verification.rawValue, items, record.remarks)
        return try await db.rows(statement).first.map { try $0("id", as: Int64.self) }
    }
}
