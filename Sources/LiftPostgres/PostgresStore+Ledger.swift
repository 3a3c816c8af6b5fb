import Foundation
import LiftCore
import PostgresNIO

extension PostgresStore: LabelLedger {
    public func issue(_ request: BatchRequest) async throws -> IssuedBatch {
        try await transaction { db in
            // Numbers, serials and the day's batch numbers are chosen one batch at a time across servers.
            try await db.lock("liftcode-ledger")
            let numbers = try await Self.selectNumbers(db, for: request)
            guard !numbers.isEmpty else { throw LedgerError.nothingToIssue(request.district.name) }
            let batchID = try await Self.nextBatchID(db, at: request.createdAt)
            // Whole seconds, as batch.json records them.
            let createdAt = Date(timeIntervalSince1970: request.createdAt.timeIntervalSince1970.rounded(.down))
            let summary = BatchSummary(
                id: batchID, district: request.district, keyID: request.keyID, baseURL: request.baseURL,
                layout: request.layout, count: numbers.count, firstNumber: numbers.map(\.number).min(),
                lastNumber: numbers.map(\.number).max(), createdAt: createdAt)
            try await db.execute(
                """
                INSERT INTO labelBatch (id, districtDigit, districtName, keyId, baseURL, layout, count, firstNumber, lastNumber, createdAt)
                VALUES (\(batchID), \(request.district.digit), \(request.district.name), \(request.keyID), \(request.baseURL),
                    \(request.layout), \(numbers.count), \(summary.firstNumber?.value), \(summary.lastNumber?.value), \(createdAt))
                """)
            var labels: [LedgerLabel] = []
            labels.reserveCapacity(numbers.count)
            let replaced = numbers.filter(\.replaces)
            for pick in replaced {
                try await db.execute(
                    """
                    UPDATE label SET status = 'revoked', revokedReason = \("replaced by \(pick.number)-\(pick.serial)"),
                        revokedAt = \(request.createdAt) WHERE number = \(pick.number.value) AND status = 'active'
                    """)
            }
            // A reprint revokes the label it replaces: every server must stop calling that one genuine.
            if !replaced.isEmpty { try await db.announceTrustChange("label revoked") }
            for start in stride(from: 0, to: numbers.count, by: 1000) {
                let slice = numbers[start..<min(start + 1000, numbers.count)]
                let positions = Array(start..<(start + slice.count))
                try await db.execute(
                    """
                    INSERT INTO label (number, serial, keyId, batchId, position, status)
                    SELECT n, s, \(request.keyID), \(batchID), p, 'active'
                    FROM unnest(\(slice.map(\.number.value)), \(slice.map(\.serial)), \(positions)) AS t(n, s, p)
                    """)
            }
            for pick in numbers {
                labels.append(LedgerLabel(id: LabelID(number: pick.number, serial: pick.serial), keyID: request.keyID, batchID: batchID))
            }
            return IssuedBatch(summary: summary, labels: labels)
        }
    }

    /// A number chosen for a batch and the serial its new label gets.
    struct Pick: Sendable {
        var number: NNumber
        var serial: Int
        var replaces: Bool
    }

    /// True for a label `l` whose key is not revoked (a revoked key's labels are counterfeit).
    static let validKeySQL = "l.keyId NOT IN (SELECT keyId FROM keyStatus WHERE status = 'revoked')"

    static func selectNumbers(_ db: Transaction, for request: BatchRequest) async throws -> [Pick] {
        let range = request.district.numberRange
        switch request.selection {
        case .fresh(let count):
            let used = Set(
                try await db.rows(
                    """
                    SELECT number FROM elevator WHERE number BETWEEN \(range.lowerBound) AND \(range.upperBound)
                    UNION SELECT number FROM label WHERE number BETWEEN \(range.lowerBound) AND \(range.upperBound)
                    """
                ).map { try $0("number", as: Int.self) })
            return try LabelNumbering.freshNumbers(count, in: request.district, used: used).map {
                Pick(number: $0, serial: 1, replaces: false)
            }
        case .registered:
            // A label signed by a revoked key is counterfeit, not active: its elevator is reprinted.
            let rows = try await db.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT e.number, (SELECT max(serial) FROM label l WHERE l.number = e.number) AS lastSerial,
                               EXISTS (SELECT 1 FROM label l WHERE l.number = e.number AND l.status = 'active') AS hasActive
                        FROM elevator e
                        WHERE e.number BETWEEN $1 AND $2
                          AND NOT EXISTS (SELECT 1 FROM label l WHERE l.number = e.number AND l.status = 'active' AND \(validKeySQL))
                        ORDER BY e.number
                        """, binds: PostgresStore.bindings(range.lowerBound, range.upperBound)))
            return try rows.map { row in
                let value: Int = try row("number")
                guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("elevator \(value)") }
                return Pick(number: number, serial: try LabelNumbering.nextSerial(after: try row("lastSerial"), for: number), replaces: try row("hasActive"))
            }
        case .numbers(let numbers, let replace):
            var seen = Set<NNumber>()
            var picks: [Pick] = []
            for number in numbers {
                guard range.contains(number.value) else { throw LedgerError.wrongDistrict(number, request.district.name) }
                guard seen.insert(number).inserted else { throw LedgerError.duplicate(number) }
                let active = try await db.row(
                    PostgresQuery(
                        unsafeSQL: "SELECT serial, \(validKeySQL) AS valid FROM label l WHERE number = $1 AND status = 'active'",
                        binds: PostgresStore.bindings(number.value)))
                if let active, !replace, try active("valid", as: Bool.self) {
                    throw LedgerError.hasActiveLabel(LabelID(number: number, serial: try active("serial")))
                }
                let last = try await db.scalar("SELECT max(serial) FROM label WHERE number = \(number.value)", as: Int.self)
                picks.append(Pick(number: number, serial: try LabelNumbering.nextSerial(after: last, for: number), replaces: active != nil))
            }
            return picks
        }
    }

    /// "B20261125-0001": the Shanghai day and the day's running number.
    static func nextBatchID(_ db: Transaction, at date: Date) async throws -> String {
        let day = ShanghaiTime.day(of: date)
        let stem = String(format: "B%04d%02d%02d-", day.year, day.month, day.day)
        let last = try await db.scalar("SELECT id FROM labelBatch WHERE id LIKE \(stem + "%") ORDER BY id DESC LIMIT 1", as: String.self)
        let next = (last.flatMap { Int($0.dropFirst(stem.count)) } ?? 0) + 1
        return stem + String(format: "%04d", next)
    }

    public func batch(id: String) async throws -> IssuedBatch? {
        guard let row = try await row("SELECT * FROM labelBatch WHERE id = \(id)") else { return nil }
        let labels = try await rows("SELECT * FROM label WHERE batchId = \(id) ORDER BY position").map(Self.ledgerLabel(from:))
        return IssuedBatch(summary: try Self.batchSummary(from: row), labels: labels)
    }

    public func batches() async throws -> [BatchSummary] {
        try await rows("SELECT * FROM labelBatch ORDER BY createdAt DESC, id DESC").map(Self.batchSummary(from:))
    }

    public func revoke(_ label: LabelID, reason: String, at date: Date) async throws {
        try await transaction { db in
            guard let status = try await db.scalar(
                "SELECT status FROM label WHERE number = \(label.number.value) AND serial = \(label.serial) FOR UPDATE", as: String.self)
            else { throw LedgerError.unknownLabel(label) }
            guard status == LedgerLabel.Status.active.rawValue else { throw LedgerError.alreadyRevoked(label) }
            try await db.execute(
                """
                UPDATE label SET status = 'revoked', revokedReason = \(reason), revokedAt = \(date)
                WHERE number = \(label.number.value) AND serial = \(label.serial)
                """)
            try await db.announceTrustChange("label revoked")
        }
    }

    public func label(_ id: LabelID) async throws -> LedgerLabel? {
        try await row("SELECT * FROM label WHERE number = \(id.number.value) AND serial = \(id.serial)").map(Self.ledgerLabel(from:))
    }

    public func rescueCodes(for numbers: [NNumber]) async throws -> [NNumber: String] {
        var codes: [NNumber: String] = [:]
        let values = Array(Set(numbers.map(\.value)))
        for row in try await rows("SELECT number, rescueCode FROM elevator WHERE number = ANY(\(values)) AND rescueCode <> ''") {
            if let number = NNumber(value: try row("number")), let code: String = try row("rescueCode") { codes[number] = code }
        }
        return codes
    }

    static func ledgerLabel(from row: RowReader) throws -> LedgerLabel {
        let value: Int = try row("number")
        guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("label of \(value)") }
        return LedgerLabel(
            id: LabelID(number: number, serial: try row("serial")), keyID: try row("keyId"), batchID: try row("batchId"),
            status: LedgerLabel.Status(rawValue: try row("status")) ?? .revoked, revokedReason: try row("revokedReason"))
    }

    static func batchSummary(from row: RowReader) throws -> BatchSummary {
        BatchSummary(
            id: try row("id"), district: District(digit: try row("districtDigit"), name: try row("districtName")),
            keyID: try row("keyId"), baseURL: try row("baseURL"), layout: try row("layout"), count: try row("count"),
            firstNumber: (try row("firstNumber") as Int?).flatMap(NNumber.init(value:)),
            lastNumber: (try row("lastNumber") as Int?).flatMap(NNumber.init(value:)), createdAt: try row("createdAt"))
    }
}

extension PostgresStore: KeyStatusStore {
    public func keyStatuses() async throws -> [String: KeyStatus] {
        var statuses: [String: KeyStatus] = [:]
        for row in try await rows("SELECT keyId, status FROM keyStatus") {
            if let status = KeyStatus(rawValue: try row("status")) { statuses[try row("keyId")] = status }
        }
        return statuses
    }

    public func setKeyStatus(_ status: KeyStatus, for keyID: String) async throws {
        try await transaction { db in
            try await db.execute(
                """
                INSERT INTO keyStatus (keyId, status, changedAt) VALUES (\(keyID), \(status.rawValue), \(Date()))
                ON CONFLICT (keyId) DO UPDATE SET status = excluded.status, changedAt = excluded.changedAt
                """)
            try await db.announceTrustChange("key status")
        }
    }

    public func trustStamp() async throws -> String {
        guard let row = try await row(
            """
            SELECT (SELECT count(*) FROM label WHERE revokedAt IS NOT NULL) AS n,
                   (SELECT coalesce(to_char(max(revokedAt) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), '') FROM label
                    WHERE revokedAt IS NOT NULL) AS latest,
                   (SELECT coalesce(string_agg(keyId || '=' || status || '@' || to_char(changedAt AT TIME ZONE 'UTC',
                        'YYYY-MM-DD HH24:MI:SS.US'), ',' ORDER BY keyId), '') FROM keyStatus) AS keys
            """)
        else { return "" }
        return "labels \(try row("n", as: Int.self)) \(try row("latest", as: String.self)); keys \(try row("keys", as: String.self))"
    }
}
