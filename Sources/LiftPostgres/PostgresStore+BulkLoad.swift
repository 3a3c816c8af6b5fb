import Foundation
import LiftCore
import PostgresNIO

extension PostgresStore: BulkLoadStore {
    /// Elevators are read from the caller's producer on a thread of its own (`RowFeed`) and stored
    /// a chunk per transaction (well under `bulkLoadTransactionSize` records): a failure rolls back
    /// the chunk under way, the chunks before it stay. Each elevator is inserted with its records,
    /// and the records that count are folded into its maintenance state as `count` would fold
    /// them one by one. Secondary indexes stay: PostgreSQL builds them as it goes.
    public func bulkLoad(_ produce: ((BulkElevator) throws -> Void) throws -> Void) async throws -> BulkLoadSummary {
        var summary = BulkLoadSummary()
        var units = UnitIDs()
        try await RowFeed.feed(chunkSize: 200, produce) { chunk in
            let (chunkSummary, chunkUnits) = try await transaction { [units] db in
                var units = units
                var summary = BulkLoadSummary()
                for entry in chunk {
                    try await Self.load(entry, into: &summary, units: &units, db)
                }
                return (summary, units)
            }
            units = chunkUnits
            summary.elevators += chunkSummary.elevators
            summary.records += chunkSummary.records
            summary.counted += chunkSummary.counted
        }
        return summary
    }

    private static func load(_ entry: BulkElevator, into summary: inout BulkLoadSummary, units: inout UnitIDs, _ db: Transaction) async throws {
        let elevator = entry.elevator
        let number = elevator.number.value
        guard try await db.scalar("SELECT 1 FROM elevator WHERE number = \(number)", as: Int.self) == nil else {
            throw BulkLoadError.alreadyRegistered(elevator.number)
        }
        for record in entry.records where record.number != elevator.number {
            throw BulkLoadError.recordOfAnotherElevator(elevator: elevator.number, record: record.number)
        }
        var userUnit: Int64?
        if let name = elevator.userUnit { userUnit = try await units.id(db, name: name, kind: .user) }
        var maintenanceUnit: Int64?
        if let name = elevator.maintenanceUnit { maintenanceUnit = try await units.id(db, name: name, kind: .maintenance) }
        try await db.execute(
            """
            INSERT INTO elevator (number, rescueCode, registrationCode, address, building, district, street, internalNumber,
                nextInspection, userUnitId, maintenanceUnitId, manufacturer, isStopped, isClassified)
            VALUES (\(number), \(elevator.rescueCode), \(elevator.registrationCode), \(elevator.address), \(elevator.building),
                \(elevator.district), \(elevator.street), \(elevator.internalNumber), \(elevator.nextInspection?.description),
                \(userUnit), \(maintenanceUnit), \(elevator.manufacturer), \(elevator.isStopped), \(elevator.isClassified))
            """)
        var history = MaintenanceHistory()
        var lastCounted: (id: Int64, endedAt: Date)?
        for record in entry.records {
            let items = String(decoding: try JSONEncoder().encode(record.items), as: UTF8.self)
            let day = ShanghaiTime.day(of: record.uploadedAt).daysSinceEpoch
            guard
                let id = try await db.scalar(
                    """
                    INSERT INTO maintenanceRecord (clientId, number, type, startedAt, endedAt, uploadedAt, uploadDay,
                        workerLogin, workerName, maintenanceUnit, status, uploadStatus, abnormal, verification, items, remarks)
                    VALUES (\(record.clientID), \(number), \(record.type.rawValue), \(record.startedAt), \(record.endedAt),
                        \(record.uploadedAt), \(day), \(record.workerLogin), \(record.workerName), \(record.maintenanceUnit),
                        \(record.status.rawValue), \(record.status.rawValue), \(record.abnormal?.rawValue), \(record.verification.rawValue),
                        \(items), \(record.remarks))
                    RETURNING id
                    """, as: Int64.self)
            else { throw PostgresStoreError.corruptRow("a maintenance record of \(elevator.number) was not stored") }
            guard record.isCounted else { continue }
            // As `count` folds records one by one: the latest end wins, a later record on a tie.
            history.record(record.type, on: ShanghaiTime.day(of: record.endedAt))
            if lastCounted.map({ record.endedAt >= $0.endedAt }) ?? true { lastCounted = (id, record.endedAt) }
            summary.counted += 1
        }
        if lastCounted != nil {
            try await db.execute(
                """
                UPDATE elevator SET lastHalfMonthDay = \(history.lastCounted[.halfMonth]?.daysSinceEpoch),
                    lastQuarterlyDay = \(history.lastCounted[.quarterly]?.daysSinceEpoch),
                    lastHalfYearDay = \(history.lastCounted[.halfYear]?.daysSinceEpoch),
                    lastYearlyDay = \(history.lastCounted[.yearly]?.daysSinceEpoch),
                    firstCountedDay = \(history.firstCounted?.daysSinceEpoch), dueDay = \(history.dueDay?.daysSinceEpoch),
                    lastRecordId = \(lastCounted?.id) WHERE number = \(number)
                """)
        }
        summary.elevators += 1
        summary.records += entry.records.count
    }
}
