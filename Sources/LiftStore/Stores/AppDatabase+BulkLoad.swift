import Foundation
import GRDB
import LiftCore

extension AppDatabase: BulkLoadStore {
    public func bulkLoad(_ produce: ((BulkElevator) throws -> Void) throws -> Void) async throws -> BulkLoadSummary {
        try await write(calling: produce, transaction: false) { db, produce in
            let setAside = try Self.indexesToSetAside(db)
            for index in setAside { try db.execute(sql: "DROP INDEX \(index.name)") }
            do {
                let summary = try Self.bulkLoad(db, produce)
                try Self.rebuild(setAside, db)
                return summary
            } catch {
                // The transaction under way is undone; the indexes come back over what was committed.
                if db.isInsideTransaction { try? db.rollback() }
                try? Self.rebuild(setAside, db)
                throw error
            }
        }
    }

    /// Runs ANALYZE on the registry and record tables where an index has no statistics yet (one a
    /// migration added after a bulk load), so the planner can choose it; returns the tables with
    /// the seconds each took.
    public func analyzeTablesWithUnanalyzedIndexes() async throws -> [(table: String, seconds: Double)] {
        try await dbWriter.writeWithoutTransaction { db in
            let analyzed = try db.tableExists("sqlite_stat1") ? "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.idx = m.name)" : ""
            let tables = try String.fetchAll(db, sql: """
                SELECT DISTINCT m.tbl_name FROM sqlite_master m
                WHERE m.type = 'index' AND m.tbl_name IN ('elevator', 'maintenanceRecord') \(analyzed)
                ORDER BY m.tbl_name
                """)
            return try tables.map { table in
                let start = Date()
                try db.execute(sql: "ANALYZE \(table)")
                return (table, Date().timeIntervalSince(start))
            }
        }
    }

    /// A secondary index of the tables a bulk load fills: its name and its CREATE statement.
    struct SetAsideIndex {
        let name: String
        let sql: String
    }

    /// The non-unique indexes of the registry and the records, when the registry is empty: a load
    /// into an empty store writes faster without them and builds them once at the end. Unique
    /// indexes stay, since they are constraints.
    static func indexesToSetAside(_ db: Database) throws -> [SetAsideIndex] {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM elevator LIMIT 1") != true else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('elevator', 'maintenanceRecord')
              AND sql NOT LIKE 'CREATE UNIQUE %'
            ORDER BY name
            """
        ).map { SetAsideIndex(name: $0["name"], sql: $0["sql"]) }
    }

    /// Builds the indexes set aside again, and the planner's statistics for their tables.
    static func rebuild(_ indexes: [SetAsideIndex], _ db: Database) throws {
        guard !indexes.isEmpty else { return }
        for index in indexes { try db.execute(sql: index.sql) }
        try db.execute(sql: "ANALYZE elevator")
        try db.execute(sql: "ANALYZE maintenanceRecord")
    }

    static func bulkLoad(_ db: Database, _ produce: ((BulkElevator) throws -> Void) throws -> Void) throws -> BulkLoadSummary {
        var summary = BulkLoadSummary()
        var units = UnitCache()
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM elevator WHERE number = ?")
        let insertElevator = try db.cachedStatement(sql: """
            INSERT INTO elevator (number, rescueCode, registrationCode, address, building, district, street, internalNumber,
                nextInspection, userUnitId, maintenanceUnitId, manufacturer, isStopped, isClassified, lastHalfMonthDay,
                lastQuarterlyDay, lastHalfYearDay, lastYearlyDay, firstCountedDay, dueDay, lastRecordId)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertRecord = try db.cachedStatement(sql: insertRecordSQL)
        var inTransaction = 0
        try db.beginTransaction()
        try produce { entry in
            let (elevator, records) = (entry.elevator, entry.records)
            if inTransaction >= bulkLoadTransactionSize {
                try db.commit()
                try db.beginTransaction()
                inTransaction = 0
            }
            guard try Bool.fetchOne(exists, arguments: [elevator.number.value]) != true else {
                throw BulkLoadError.alreadyRegistered(elevator.number)
            }
            var history = MaintenanceHistory()
            var lastCounted: (id: Int64, endedAt: Date)?
            for record in records {
                guard record.number == elevator.number else {
                    throw BulkLoadError.recordOfAnotherElevator(elevator: elevator.number, record: record.number)
                }
                insertRecord.setUncheckedArguments(try bulkInsertArguments(record))
                try insertRecord.execute()
                guard record.isCounted else { continue }
                // As `count` folds records one by one: the latest end wins, a later record on a tie.
                let id = db.lastInsertedRowID
                history.record(record.type, on: ShanghaiTime.day(of: record.endedAt))
                if lastCounted.map({ record.endedAt >= $0.endedAt }) ?? true { lastCounted = (id, record.endedAt) }
                summary.counted += 1
            }
            let userUnit = try elevator.userUnit.map { try units.id(db, name: $0, kind: .user) }
            let maintenanceUnit = try elevator.maintenanceUnit.map { try units.id(db, name: $0, kind: .maintenance) }
            insertElevator.setUncheckedArguments([
                elevator.number.value, elevator.rescueCode, elevator.registrationCode, elevator.address, elevator.building,
                elevator.district, elevator.street, elevator.internalNumber, elevator.nextInspection?.description, userUnit,
                maintenanceUnit, elevator.manufacturer, elevator.isStopped, elevator.isClassified,
                history.lastCounted[.halfMonth]?.daysSinceEpoch, history.lastCounted[.quarterly]?.daysSinceEpoch,
                history.lastCounted[.halfYear]?.daysSinceEpoch, history.lastCounted[.yearly]?.daysSinceEpoch,
                history.firstCounted?.daysSinceEpoch, history.dueDay?.daysSinceEpoch, lastCounted?.id,
            ])
            try insertElevator.execute()
            summary.elevators += 1
            summary.records += records.count
            inTransaction += records.count + 1
        }
        try db.commit()
        return summary
    }

    /// The values of `insertRecordSQL` for a record, as `insertArguments` gives them, written
    /// without Foundation's date formatter and JSON encoder where the record allows: those two
    /// cost more than the insert itself over tens of millions of records.
    static func bulkInsertArguments(_ record: MaintenanceRecord) throws -> StatementArguments {
        guard let started = StorageTimestamp.text(record.startedAt), let ended = StorageTimestamp.text(record.endedAt),
            let uploaded = StorageTimestamp.text(record.uploadedAt), record.items.isEmpty
        else { return try insertArguments(record) }
        return [
            record.clientID, record.number.value, record.type.rawValue, started, ended, uploaded,
            ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch, record.workerLogin, record.workerName, record.maintenanceUnit,
            record.status.rawValue, record.status.rawValue, record.abnormal?.rawValue, record.verification.rawValue, "[]",
            record.remarks,
        ]
    }
}
