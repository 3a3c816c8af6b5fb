import Foundation
import GRDB
import LiftCore

extension AppDatabase {
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
        let statement = try db.cachedStatement(sql: """
            INSERT INTO maintenanceRecord (clientId, number, type, startedAt, endedAt, uploadedAt, uploadDay,
                workerLogin, workerName, maintenanceUnit, status, abnormal, verification, items, remarks)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let items = String(decoding: try JSONEncoder().encode(record.items), as: UTF8.self)
        try statement.execute(arguments: [
            record.clientID, record.number.value, record.type.rawValue, record.startedAt, record.endedAt,
            record.uploadedAt, ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch, record.workerLogin,
            record.workerName, record.maintenanceUnit, record.status.rawValue, record.abnormal?.rawValue,
            record.verification.rawValue, items, record.remarks,
        ])
        var stored = record
        stored.id = db.lastInsertedRowID
        if record.isCounted {
            try count(stored, db)
        }
        return stored
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
}
