import Foundation
import GRDB
import LiftCore

extension AppDatabase: LabelLedger {
    public func issue(_ request: BatchRequest) async throws -> IssuedBatch {
        try await dbWriter.write { db in
            let numbers = try Self.selectNumbers(db, for: request)
            guard !numbers.isEmpty else { throw LedgerError.nothingToIssue(request.district.name) }
            let batchID = try Self.nextBatchID(db, at: request.createdAt)
            // Whole seconds, as batch.json records them: the batch read back from the ledger then
            // renders exactly as it did when it was issued.
            let createdAt = Date(timeIntervalSince1970: request.createdAt.timeIntervalSince1970.rounded(.down))
            let summary = BatchSummary(
                id: batchID, district: request.district, keyID: request.keyID, baseURL: request.baseURL,
                layout: request.layout, count: numbers.count, firstNumber: numbers.map(\.number).min(),
                lastNumber: numbers.map(\.number).max(), createdAt: createdAt)
            try db.execute(
                sql: """
                    INSERT INTO labelBatch (id, districtDigit, districtName, keyId, baseURL, layout, count, firstNumber, lastNumber, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    batchID, request.district.digit, request.district.name, request.keyID, request.baseURL, request.layout,
                    numbers.count, summary.firstNumber?.value, summary.lastNumber?.value, createdAt,
                ])
            let revoke = try db.cachedStatement(sql: """
                UPDATE label SET status = 'revoked', revokedReason = ?, revokedAt = ? WHERE number = ? AND status = 'active'
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO label (number, serial, keyId, batchId, position, status) VALUES (?, ?, ?, ?, ?, 'active')
                """)
            var labels: [LedgerLabel] = []
            labels.reserveCapacity(numbers.count)
            for (position, pick) in numbers.enumerated() {
                if pick.replaces {
                    try revoke.execute(arguments: ["replaced by \(pick.number)-\(pick.serial)", request.createdAt, pick.number.value])
                }
                try insert.execute(arguments: [pick.number.value, pick.serial, request.keyID, batchID, position])
                labels.append(LedgerLabel(id: LabelID(number: pick.number, serial: pick.serial), keyID: request.keyID, batchID: batchID))
            }
            return IssuedBatch(summary: summary, labels: labels)
        }
    }

    /// A number chosen for a batch and the serial its new label gets.
    struct Pick {
        var number: NNumber
        var serial: Int
        var replaces: Bool
    }

    static func selectNumbers(_ db: Database, for request: BatchRequest) throws -> [Pick] {
        let range = request.district.numberRange
        switch request.selection {
        case .fresh(let count):
            let used = Set(try Int.fetchAll(
                db, sql: "SELECT number FROM elevator WHERE number BETWEEN ? AND ? UNION SELECT number FROM label WHERE number BETWEEN ? AND ?",
                arguments: [range.lowerBound, range.upperBound, range.lowerBound, range.upperBound]))
            return try LabelNumbering.freshNumbers(count, in: request.district, used: used).map {
                Pick(number: $0, serial: 1, replaces: false)
            }
        case .registered:
            // A label signed by a revoked key is counterfeit, not active: its elevator is reprinted,
            // and the old label is closed in the ledger as replaced.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.number, (SELECT max(serial) FROM label l WHERE l.number = e.number) AS lastSerial,
                           EXISTS (SELECT 1 FROM label l WHERE l.number = e.number AND l.status = 'active') AS hasActive
                    FROM elevator e
                    WHERE e.number BETWEEN ? AND ?
                      AND NOT EXISTS (SELECT 1 FROM label l WHERE l.number = e.number AND l.status = 'active'
                                      AND \(validKeySQL))
                    ORDER BY e.number
                    """,
                arguments: [range.lowerBound, range.upperBound])
            return try rows.map { row in
                let number = NNumber(value: row["number"])!
                return Pick(number: number, serial: try LabelNumbering.nextSerial(after: row["lastSerial"], for: number), replaces: row["hasActive"])
            }
        case .numbers(let numbers, let replace):
            var seen = Set<NNumber>()
            return try numbers.map { number in
                guard range.contains(number.value) else { throw LedgerError.wrongDistrict(number, request.district.name) }
                guard seen.insert(number).inserted else { throw LedgerError.duplicate(number) }
                let active = try Row.fetchOne(
                    db, sql: "SELECT serial, \(validKeySQL) AS valid FROM label l WHERE number = ? AND status = 'active'",
                    arguments: [number.value])
                if let active, !replace, active["valid"] == true {
                    throw LedgerError.hasActiveLabel(LabelID(number: number, serial: active["serial"]))
                }
                let last = try Int.fetchOne(db, sql: "SELECT max(serial) FROM label WHERE number = ?", arguments: [number.value])
                return Pick(number: number, serial: try LabelNumbering.nextSerial(after: last, for: number), replaces: active != nil)
            }
        }
    }

    /// True for a label `l` whose key is not revoked (a revoked key's labels are counterfeit).
    static let validKeySQL = "l.keyId NOT IN (SELECT keyId FROM keyStatus WHERE status = 'revoked')"

    /// "B20261125-0001": the Shanghai day and the day's running number.
    static func nextBatchID(_ db: Database, at date: Date) throws -> String {
        let day = ShanghaiTime.day(of: date)
        let stem = String(format: "B%04d%02d%02d-", day.year, day.month, day.day)
        let last = try String.fetchOne(
            db, sql: "SELECT id FROM labelBatch WHERE id LIKE ? ORDER BY id DESC LIMIT 1", arguments: [stem + "%"])
        let next = (last.flatMap { Int($0.dropFirst(stem.count)) } ?? 0) + 1
        return stem + String(format: "%04d", next)
    }

    public func batch(id: String) async throws -> IssuedBatch? {
        try await reader.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM labelBatch WHERE id = ?", arguments: [id]) else { return nil }
            let labels = try Row.fetchAll(
                db, sql: "SELECT * FROM label WHERE batchId = ? ORDER BY position", arguments: [id]
            ).map(Self.ledgerLabel(from:))
            return IssuedBatch(summary: Self.batchSummary(from: row), labels: labels)
        }
    }

    public func batches() async throws -> [BatchSummary] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM labelBatch ORDER BY createdAt DESC, id DESC").map(Self.batchSummary(from:))
        }
    }

    public func revoke(_ label: LabelID, reason: String, at date: Date) async throws {
        try await dbWriter.write { db in
            guard let status = try String.fetchOne(
                db, sql: "SELECT status FROM label WHERE number = ? AND serial = ?", arguments: [label.number.value, label.serial])
            else { throw LedgerError.unknownLabel(label) }
            guard status == LedgerLabel.Status.active.rawValue else { throw LedgerError.alreadyRevoked(label) }
            try db.execute(
                sql: "UPDATE label SET status = 'revoked', revokedReason = ?, revokedAt = ? WHERE number = ? AND serial = ?",
                arguments: [reason, date, label.number.value, label.serial])
        }
    }

    public func label(_ id: LabelID) async throws -> LedgerLabel? {
        try await reader.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM label WHERE number = ? AND serial = ?", arguments: [id.number.value, id.serial]
            ).map(Self.ledgerLabel(from:))
        }
    }

    static func ledgerLabel(from row: Row) -> LedgerLabel {
        LedgerLabel(
            id: LabelID(number: NNumber(value: row["number"])!, serial: row["serial"]),
            keyID: row["keyId"], batchID: row["batchId"],
            status: LedgerLabel.Status(rawValue: row["status"]) ?? .revoked, revokedReason: row["revokedReason"])
    }

    static func batchSummary(from row: Row) -> BatchSummary {
        BatchSummary(
            id: row["id"], district: District(digit: row["districtDigit"], name: row["districtName"]),
            keyID: row["keyId"], baseURL: row["baseURL"], layout: row["layout"], count: row["count"],
            firstNumber: (row["firstNumber"] as Int?).flatMap(NNumber.init(value:)),
            lastNumber: (row["lastNumber"] as Int?).flatMap(NNumber.init(value:)), createdAt: row["createdAt"])
    }
}

extension AppDatabase {
    public func rescueCodes(for numbers: [NNumber]) async throws -> [NNumber: String] {
        try await reader.read { db in
            var codes: [NNumber: String] = [:]
            let statement = try db.cachedStatement(sql: "SELECT rescueCode FROM elevator WHERE number = ?")
            for number in Set(numbers) {
                if let code = try String.fetchOne(statement, arguments: [number.value]), !code.isEmpty {
                    codes[number] = code
                }
            }
            return codes
        }
    }
}
