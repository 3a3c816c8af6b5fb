import Foundation
import GRDB
import LiftCore

extension AppDatabase: MaintenanceStore {
    /// Stores a maintenance record and, when it counts, brings its elevator's status up to date
    /// in the same transaction.
    @discardableResult
    public func insertMaintenanceRecord(_ record: MaintenanceRecord) throws -> MaintenanceRecord {
        try dbWriter.write { db in try Self.insert(record, db) }
    }

    /// Stores many records in one transaction (imports, demo data).
    public func insertMaintenanceRecords(_ records: some Sequence<MaintenanceRecord>) throws -> Int {
        try dbWriter.write { db in
            var count = 0
            for record in records {
                _ = try Self.insert(record, db)
                count += 1
            }
            return count
        }
    }

    static func insert(_ record: MaintenanceRecord, _ db: Database) throws -> MaintenanceRecord {
        let statement = try db.cachedStatement(sql: insertRecordSQL)
        try statement.execute(arguments: insertArguments(record))
        var stored = record
        stored.id = db.lastInsertedRowID
        if record.isCounted {
            try count(stored, db)
        }
        return stored
    }

    /// A record's INSERT, with the values `insertArguments` gives.
    static let insertRecordSQL = """
        INSERT INTO maintenanceRecord (clientId, number, type, startedAt, endedAt, uploadedAt, uploadDay,
            workerLogin, workerName, maintenanceUnit, status, uploadStatus, abnormal, verification, items, remarks)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The values of `insertRecordSQL`, in its order.
    static func insertArguments(_ record: MaintenanceRecord) throws -> StatementArguments {
        let items = String(decoding: try JSONEncoder().encode(record.items), as: UTF8.self)
        return [
            record.clientID, record.number.value, record.type.rawValue, record.startedAt, record.endedAt,
            record.uploadedAt, ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch, record.workerLogin,
            record.workerName, record.maintenanceUnit, record.status.rawValue, record.status.rawValue, record.abnormal?.rawValue,
            record.verification.rawValue, items, record.remarks,
        ]
    }

    /// Folds a counted record into its elevator's maintenance state.
    static func count(_ record: MaintenanceRecord, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM elevator WHERE number = ?", arguments: [record.number.value]) else {
            return
        }
        var history = history(from: row)
        let day = ShanghaiTime.day(of: record.endedAt)
        history.record(record.type, on: day)
        let lastEnded = try Date.fetchOne(
            db, sql: "SELECT endedAt FROM maintenanceRecord WHERE id = ?", arguments: [row["lastRecordId"] as Int64?])
        let isLatest = lastEnded.map { record.endedAt >= $0 } ?? true
        try db.execute(
            sql: """
                UPDATE elevator SET lastHalfMonthDay = ?, lastQuarterlyDay = ?, lastHalfYearDay = ?, lastYearlyDay = ?,
                    firstCountedDay = ?, dueDay = ?, lastRecordId = ? WHERE number = ?
                """,
            arguments: [
                history.lastCounted[.halfMonth]?.daysSinceEpoch, history.lastCounted[.quarterly]?.daysSinceEpoch,
                history.lastCounted[.halfYear]?.daysSinceEpoch, history.lastCounted[.yearly]?.daysSinceEpoch,
                history.firstCounted?.daysSinceEpoch, history.dueDay?.daysSinceEpoch,
                isLatest ? record.id : row["lastRecordId"] as Int64?, record.number.value,
            ])
    }

    // MARK: - Uploads

    public func upload(_ record: MaintenanceRecord) async throws -> MaintenanceUpload {
        try await dbWriter.writeWithoutTransaction { db in
            var upload: MaintenanceUpload?
            // IMMEDIATE: the quota count and the insert hold the write lock together, even against
            // another process writing the same file.
            try db.inTransaction(.immediate) {
                upload = try Self.upload(record, db)
                return .commit
            }
            guard let upload else { throw MaintenanceStoreError.unknownElevator(record.number) }
            return upload
        }
    }

    static func upload(_ record: MaintenanceRecord, _ db: Database) throws -> MaintenanceUpload {
        if let clientID = record.clientID,
            let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM maintenanceRecord WHERE workerLogin = ? AND clientId = ?",
                arguments: [record.workerLogin, clientID]),
            let entry = try fetchEntry(db, id: id)
        {
            return MaintenanceUpload(entry: entry, isRetry: true)
        }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM elevator WHERE number = ?", arguments: [record.number.value]) == true else {
            throw MaintenanceStoreError.unknownElevator(record.number)
        }
        // One worker is at one elevator at a time: a visit overlapping another is refused.
        if let overlapping = try Row.fetchOne(
            db,
            sql: """
                SELECT id, number FROM maintenanceRecord
                WHERE workerLogin = ? AND startedAt < ? AND endedAt > ? ORDER BY startedAt LIMIT 1
                """,
            arguments: [record.workerLogin, record.endedAt, record.startedAt])
        {
            throw MaintenanceStoreError.overlaps(recordID: overlapping["id"], number: NNumber(value: overlapping["number"]) ?? record.number)
        }
        // Distinct other elevators the worker uploaded earlier this Shanghai day; uploads are
        // serialised by the write lock, so every stored one is earlier.
        let before = try Int.fetchOne(
            db,
            sql: "SELECT count(DISTINCT number) FROM maintenanceRecord WHERE workerLogin = ? AND uploadDay = ? AND number <> ?",
            arguments: [record.workerLogin, ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch, record.number.value]) ?? 0
        var new = record
        new.id = nil
        // The worker register's name, where it knows the login (the public page shows it).
        if let name = try String.fetchOne(db, sql: "SELECT name FROM worker WHERE login = ?", arguments: [record.workerLogin]) {
            new.workerName = name
        }
        new.abnormal = MaintenanceRules.abnormal(end: record.endedAt, uploadedAt: record.uploadedAt, elevatorsBefore: before)
        let stored = try insert(new, db)
        guard let id = stored.id, let entry = try fetchEntry(db, id: id) else {
            throw MaintenanceStoreError.unknownElevator(record.number)
        }
        return MaintenanceUpload(entry: entry, isRetry: false)
    }

    // MARK: - Review

    public func review(id: Int64, decision: ReviewStatus, note: String?, by reviewer: String, at: Date) async throws -> MaintenanceEntry {
        guard [.passed, .invalid, .needsData].contains(decision) else { throw MaintenanceStoreError.notADecision(decision) }
        return try await dbWriter.write { db in
            guard let entry = try Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            guard entry.record.status == .reviewing else {
                throw MaintenanceStoreError.wrongStatus(id: id, status: entry.record.status, action: "reviewed")
            }
            try db.execute(
                sql: "UPDATE maintenanceRecord SET status = ?, reviewNote = ?, reviewedBy = ?, reviewedAt = ? WHERE id = ?",
                arguments: [decision.rawValue, note, reviewer, at, id])
            var record = entry.record
            record.status = decision
            if record.isCounted {
                try Self.count(record, db)
            }
            guard let updated = try Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            return updated
        }
    }

    public func supplement(id: Int64, items: [String]?, remarks: String?, at: Date) async throws -> MaintenanceEntry {
        try await dbWriter.write { db in
            guard let entry = try Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            guard entry.record.status == .needsData else {
                throw MaintenanceStoreError.wrongStatus(id: id, status: entry.record.status, action: "supplemented")
            }
            let newItems = try items.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try db.execute(
                sql: """
                    UPDATE maintenanceRecord SET status = ?, items = coalesce(?, items), remarks = coalesce(?, remarks),
                        supplementedAt = ? WHERE id = ?
                    """,
                arguments: [ReviewStatus.reviewing.rawValue, newItems, remarks, at, id])
            guard let updated = try Self.fetchEntry(db, id: id) else { throw MaintenanceStoreError.unknownRecord(id) }
            return updated
        }
    }

    // MARK: - Reading

    public func maintenanceEntry(id: Int64) async throws -> MaintenanceEntry? {
        try await reader.read { db in try Self.fetchEntry(db, id: id) }
    }

    public func maintenanceEntries(_ filter: MaintenanceFilter) async throws -> [MaintenanceEntry] {
        try await reader.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let login = filter.workerLogin { clauses.append("r.workerLogin = ?"); arguments += [login] }
            if let unit = filter.maintenanceUnit { clauses.append("r.maintenanceUnit = ?"); arguments += [unit] }
            if let unit = filter.userUnit {
                clauses.append("e.userUnitId = (SELECT id FROM unit WHERE kind = 'user' AND name = ?)")
                arguments += [unit]
            }
            if let district = filter.district { clauses.append("e.district = ?"); arguments += [district] }
            if let street = filter.street { clauses.append("e.street = ?"); arguments += [street] }
            if let number = filter.number { clauses.append("r.number = ?"); arguments += [number.value] }
            if let status = filter.status { clauses.append("r.status = ?"); arguments += [status.rawValue] }
            if let abnormal = filter.abnormal { clauses.append("r.abnormal = ?"); arguments += [abnormal.rawValue] }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let order = filter.byUpload ? "r.uploadedAt DESC, r.id DESC" : "r.endedAt DESC, r.id DESC"
            arguments += [max(filter.limit, 0), max(filter.offset, 0)]
            return try Row.fetchAll(
                db, sql: "\(Self.entrySQL) \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?", arguments: arguments
            ).map(Self.entry(from:))
        }
    }

    static let entrySQL = """
        SELECT r.*, e.district AS elevatorDistrict, e.street AS elevatorStreet, uu.name AS userUnitName,
               mu.name AS elevatorUnitName
        FROM maintenanceRecord r
        LEFT JOIN elevator e ON e.number = r.number
        LEFT JOIN unit uu ON uu.id = e.userUnitId
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        """

    static func fetchEntry(_ db: Database, id: Int64) throws -> MaintenanceEntry? {
        try Row.fetchOne(db, sql: "\(entrySQL) WHERE r.id = ?", arguments: [id]).map(entry(from:))
    }

    static func entry(from row: Row) throws -> MaintenanceEntry {
        let record = try maintenanceRecord(from: row)
        var review: MaintenanceReview?
        if let by: String = row["reviewedBy"], let at: Date = row["reviewedAt"] {
            // The decision is the status it set; a later supplement puts the record back to
            // reviewing, so keep what the regulator decided only while it stands.
            review = MaintenanceReview(status: record.status, note: row["reviewNote"], by: by, at: at)
        }
        return MaintenanceEntry(
            record: record, uploadStatus: (row["uploadStatus"] as String?).flatMap(ReviewStatus.init(rawValue:)) ?? record.status,
            review: review, supplementedAt: row["supplementedAt"], district: row["elevatorDistrict"], street: row["elevatorStreet"],
            userUnit: row["userUnitName"], elevatorMaintenanceUnit: row["elevatorUnitName"])
    }

    static func maintenanceRecord(from row: Row) throws -> MaintenanceRecord {
        let numberValue: Int = row["number"]
        guard let number = NNumber(value: numberValue),
            let type = MaintenanceType(rawValue: row["type"]),
            let status = ReviewStatus(rawValue: row["status"])
        else {
            throw DatabaseError(message: "maintenanceRecord \(row["id"] as Int64? ?? 0) holds an unknown number, type or status")
        }
        let items = (row["items"] as String?).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return MaintenanceRecord(
            id: row["id"], clientID: row["clientId"], number: number, type: type, startedAt: row["startedAt"], endedAt: row["endedAt"],
            uploadedAt: row["uploadedAt"], workerLogin: row["workerLogin"], workerName: row["workerName"],
            maintenanceUnit: row["maintenanceUnit"], status: status,
            abnormal: (row["abnormal"] as String?).flatMap(AbnormalType.init(rawValue:)),
            verification: (row["verification"] as String?).flatMap(VerificationOutcome.init(rawValue:)) ?? .unverified,
            items: items, remarks: row["remarks"])
    }

    // MARK: - Import

    public func importMaintenance(_ produce: (_ add: (MaintenanceRecord) throws -> Void) throws -> Void) async throws -> MaintenanceImportSummary {
        try await write(calling: produce) { db, produce in
            var summary = MaintenanceImportSummary()
            let firstID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM maintenanceRecord") ?? 0) + 1
            let elevatorExists = try db.cachedStatement(sql: "SELECT 1 FROM elevator WHERE number = ?")
            let workerExists = try db.cachedStatement(sql: "SELECT 1 FROM worker WHERE login = ?")
            let addWorker = try db.cachedStatement(sql: "INSERT INTO worker (login, name, unitId) VALUES (?, ?, ?)")
            let insert = try db.cachedStatement(sql: Self.insertRecordSQL + " ON CONFLICT(workerLogin, clientId) DO NOTHING")
            var units = UnitCache()
            var knownElevators = Set<Int>()
            var knownWorkers = Set<String>()
            try produce { record in
                if !knownElevators.contains(record.number.value) {
                    guard try Bool.fetchOne(elevatorExists, arguments: [record.number.value]) == true else {
                        throw MaintenanceStoreError.unknownElevator(record.number)
                    }
                    knownElevators.insert(record.number.value)
                }
                if !knownWorkers.contains(record.workerLogin) {
                    if try Bool.fetchOne(workerExists, arguments: [record.workerLogin]) != true {
                        let unitID = try units.id(db, name: record.maintenanceUnit, kind: .maintenance)
                        try addWorker.execute(arguments: [record.workerLogin, record.workerName, unitID])
                        summary.workersCreated += 1
                    }
                    knownWorkers.insert(record.workerLogin)
                }
                try insert.execute(arguments: try Self.insertArguments(record))
                if db.changesCount > 0 { summary.inserted += 1 } else { summary.alreadyPresent += 1 }
            }
            // The 9th and later elevators of a worker's Shanghai day among this import's records:
            // a record is over quota when 8 or more other elevators came before it that day.
            try db.execute(
                sql: """
                    UPDATE maintenanceRecord AS r SET abnormal = 'over-quota'
                    WHERE r.id >= ? AND r.abnormal IS NULL AND (
                        SELECT count(DISTINCT o.number) FROM maintenanceRecord o
                        WHERE o.workerLogin = r.workerLogin AND o.uploadDay = r.uploadDay AND o.id >= ? AND o.number <> r.number
                          AND (o.uploadedAt < r.uploadedAt OR (o.uploadedAt = r.uploadedAt AND o.id < r.id))
                    ) >= ?
                    """,
                arguments: [firstID, firstID, MaintenanceRules.dailyQuota])
            summary.overQuotaDerived = db.changesCount
            let counted = try Row.fetchAll(
                db, sql: "SELECT * FROM maintenanceRecord WHERE id >= ? AND status = 'passed' AND abnormal IS NULL ORDER BY endedAt, id",
                arguments: [firstID])
            for row in counted {
                try Self.count(try Self.maintenanceRecord(from: row), db)
            }
            summary.counted = counted.count
            summary.lateUpload = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM maintenanceRecord WHERE id >= ? AND abnormal = 'late-upload'", arguments: [firstID]) ?? 0
            summary.overQuota = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM maintenanceRecord WHERE id >= ? AND abnormal = 'over-quota'", arguments: [firstID]) ?? 0
            return summary
        }
    }
}
