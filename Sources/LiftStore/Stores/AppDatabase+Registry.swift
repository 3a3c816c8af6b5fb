import Foundation
import GRDB
import LiftCore

extension AppDatabase: RegistryStore {
    public func facts(for number: NNumber) async throws -> ElevatorFacts? {
        // On an idle lookup connection, read here and now (never waiting for one); else an async
        // read: a blocking wait for a reader here held Swift's few cooperative threads while the
        // database's readers waited for one of them to finish other async reads, and a mix of
        // public requests hung the server (issue 10's review).
        if let readers = lookupReaders, let facts = try readers.readNow({ db in try Self.fetchFacts(db, number: number) }) {
            return facts
        }
        return try await reader.read { db in try Self.fetchFacts(db, number: number) }
    }

    public func workers(ofUnit unit: String) async throws -> [Worker] {
        try await reader.read { db in
            try Row.fetchAll(
                db, sql: "SELECT w.*, u.name AS unitName FROM worker w JOIN unit u ON u.id = w.unitId WHERE u.name = ? AND u.kind = 'maintenance' ORDER BY w.name, w.login",
                arguments: [unit]
            ).map { Worker(id: $0["id"], login: $0["login"], name: $0["name"], phone: $0["phone"], unitName: $0["unitName"]) }
        }
    }

    public func revokedSerials(of number: NNumber) async throws -> [Int] {
        // Part of a lookup (a label of a number not registered): read as `facts(for:)` is.
        let read: @Sendable (Database) throws -> [Int] = { db in
            try ColumnCursor.all(
                db.cachedStatement(sql: "SELECT serial FROM label WHERE number = ? AND status = 'revoked' ORDER BY serial"),
                arguments: [number.value]
            ) { $0.int(0) ?? 0 }
        }
        if let readers = lookupReaders, let serials = try readers.readNow(read) { return serials }
        return try await reader.read(read)
    }

    public func standing(of number: NNumber) async throws -> NumberStanding {
        // Part of every complaint: read as `facts(for:)` is.
        let read: @Sendable (Database) throws -> NumberStanding = { db in
            let row = try ColumnCursor.all(db.cachedStatement(sql: Self.standingSQL), arguments: [number.value]) { row in
                NumberStanding(
                    isRegistered: row.bool(0),
                    revokedSerials: Self.serials(listed: row.string(1)))
            }
            return row.first ?? NumberStanding(isRegistered: false, revokedSerials: [])
        }
        if let readers = lookupReaders, let standing = try readers.readNow(read) { return standing }
        return try await reader.read(read)
    }

    /// Label serials as SQLite's `group_concat` lists them ("2,1"), in order; none for NULL.
    static func serials(listed list: String?) -> [Int] {
        list.map { $0.split(separator: ",").compactMap { Int($0) }.sorted() } ?? []
    }

    /// Whether a number is registered and its revoked serials, in one row.
    static let standingSQL = """
        SELECT EXISTS (SELECT 1 FROM elevator WHERE number = ?1),
               (SELECT group_concat(serial) FROM label WHERE number = ?1 AND status = 'revoked')
        """

    /// The facts of one elevator, read synchronously (for the CLI and the kiosk).
    public func factsNow(for number: NNumber) throws -> ElevatorFacts? {
        try reader.read { db in try Self.fetchFacts(db, number: number) }
    }

    /// The facts of one elevator in one row; ``fetchFacts(_:number:)`` reads its columns by position,
    /// in this order.
    static let factsSQL = """
        SELECT e.rescueCode, e.registrationCode, e.address, e.building, e.district, e.street,
               e.internalNumber, e.nextInspection, uu.name, mu.name, e.manufacturer, e.isStopped, e.isClassified,
               e.lastHalfMonthDay, e.lastQuarterlyDay, e.lastHalfYearDay, e.lastYearlyDay, e.firstCountedDay,
               uu.phone, mu.phone, r.endedAt, r.type, r.workerName, w.phone,
               (SELECT group_concat(serial) FROM label l WHERE l.number = e.number AND l.status = 'revoked')
        FROM elevator e
        LEFT JOIN unit uu ON uu.id = e.userUnitId
        LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
        LEFT JOIN maintenanceRecord r ON r.id = e.lastRecordId
        LEFT JOIN worker w ON w.login = r.workerLogin
        WHERE e.number = ?
        """

    static let policiesSQL = """
        SELECT insurer, policyNumber, coverage, validFrom, validTo, claimsPhone FROM insurancePolicy
        WHERE number = ? ORDER BY validTo DESC LIMIT 50
        """

    /// The label lookup's read: cached statements (compiling this SQL with GRDB's authorizer
    /// watching would cost more than running it) read by column position (see ``ColumnCursor``).
    static func fetchFacts(_ db: Database, number: NNumber) throws -> ElevatorFacts? {
        let rows = try ColumnCursor.all(db.cachedStatement(sql: factsSQL), arguments: [number.value]) { row in
            var facts = ElevatorFacts(
                elevator: Elevator(
                    number: number, rescueCode: row.string(0), registrationCode: row.string(1), address: row.string(2) ?? "",
                    building: row.string(3), district: row.string(4) ?? "", street: row.string(5), internalNumber: row.string(6),
                    nextInspection: row.string(7).flatMap { try? CivilDate(parsing: $0) },
                    userUnit: row.string(8), maintenanceUnit: row.string(9), manufacturer: row.string(10),
                    isStopped: row.bool(11), isClassified: row.bool(12)))
            for (offset, type) in [MaintenanceType.halfMonth, .quarterly, .halfYear, .yearly].enumerated() {
                if let day = row.int(13 + offset) { facts.history.lastCounted[type] = CivilDate(daysSinceEpoch: day) }
            }
            facts.history.firstCounted = row.int(17).map { CivilDate(daysSinceEpoch: $0) }
            facts.userUnitPhone = row.string(18)
            facts.maintenanceUnitPhone = row.string(19)
            if let endedAt = row.date(20), let type = row.string(21).flatMap(MaintenanceType.init(rawValue:)) {
                facts.lastMaintenance = LastMaintenance(endedAt: endedAt, type: type, workerName: row.string(22) ?? "", workerPhone: row.string(23))
            }
            facts.revokedSerials = Self.serials(listed: row.string(24))
            return facts
        }
        guard var facts = rows.first else { return nil }
        // Every policy over time (a few per elevator), so the page can show the one in force on its day.
        facts.insurancePolicies = try ColumnCursor.all(db.cachedStatement(sql: policiesSQL), arguments: [number.value]) { row in
            guard let insurer = row.string(0), let policyNumber = row.string(1), let coverage = row.string(2),
                let from = row.string(3).flatMap({ try? CivilDate(parsing: $0) }),
                let to = row.string(4).flatMap({ try? CivilDate(parsing: $0) })
            else { return nil }
            return Insurance(insurer: insurer, policyNumber: policyNumber, coverage: coverage, validFrom: from, validTo: to, claimsPhone: row.string(5))
        }.compactMap { $0 }
        return facts
    }

    static func elevator(from row: Row, number: NNumber) throws -> Elevator {
        Elevator(
            number: number,
            rescueCode: row["rescueCode"],
            registrationCode: row["registrationCode"],
            address: row["address"],
            building: row["building"],
            district: row["district"],
            street: row["street"],
            internalNumber: row["internalNumber"],
            nextInspection: (row["nextInspection"] as String?).flatMap { try? CivilDate(parsing: $0) },
            userUnit: row["userUnitName"],
            maintenanceUnit: row["maintenanceUnitName"],
            manufacturer: row["manufacturer"],
            isStopped: row["isStopped"],
            isClassified: row["isClassified"]
        )
    }

    static func history(from row: Row) -> MaintenanceHistory {
        var history = MaintenanceHistory()
        for (type, column) in MaintenanceHistoryColumns.byType {
            if let day: Int = row[column] { history.lastCounted[type] = CivilDate(daysSinceEpoch: day) }
        }
        if let first: Int = row["firstCountedDay"] { history.firstCounted = CivilDate(daysSinceEpoch: first) }
        return history
    }

    public func importElevators(
        setting fields: Set<ElevatorField>, dryRun: Bool, _ produce: ((Elevator) throws -> Void) throws -> Void
    ) async throws -> RegistryImportReport {
        try await write(calling: produce, transaction: false) { db, produce in
            var report = RegistryImportReport()
            try db.inTransaction {
                report = try Self.importElevators(db, setting: fields, produce)
                return dryRun ? .rollback : .commit
            }
            return report
        }
    }

    /// The registry's columns an import field is stored in (units by id).
    static let fieldColumns: [(ElevatorField, String)] = [
        (.rescueCode, "rescueCode"), (.registrationCode, "registrationCode"), (.address, "address"),
        (.building, "building"), (.district, "district"), (.street, "street"), (.internalNumber, "internalNumber"),
        (.nextInspection, "nextInspection"), (.userUnit, "userUnitId"), (.maintenanceUnit, "maintenanceUnitId"),
        (.manufacturer, "manufacturer"), (.stopped, "isStopped"), (.classified, "isClassified"),
    ]

    static func importElevators(
        _ db: Database, setting fields: Set<ElevatorField>, _ produce: ((Elevator) throws -> Void) throws -> Void
    ) throws -> RegistryImportReport {
        var units = UnitCache()
        var knownStreets: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT district, street FROM elevator WHERE street IS NOT NULL") {
            knownStreets[row["district"], default: []].insert(row["street"])
        }
        let current = try db.cachedStatement(sql: """
            SELECT e.*, uu.name AS userUnitName, mu.name AS maintenanceUnitName FROM elevator e
            LEFT JOIN unit uu ON uu.id = e.userUnitId LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
            WHERE e.number = ?
            """)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO elevator (number, rescueCode, registrationCode, address, building, district, street,
                internalNumber, nextInspection, userUnitId, maintenanceUnitId, manufacturer, isStopped, isClassified)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var tally = RegistryImportTally(setting: fields, columnOrder: fieldColumns.map(\.0), knownStreets: knownStreets)
        let updated = fieldColumns.indices.filter { tally.writes(fieldColumns[$0].0) }
        let update = try db.cachedStatement(sql: """
            UPDATE elevator SET \(updated.map { "\(fieldColumns[$0].1) = ?" }.joined(separator: ", ")) WHERE number = ?
            """)
        try produce { elevator in
            tally.noteStreet(of: elevator)
            let userUnit = try elevator.userUnit.map { try units.id(db, name: $0, kind: .user) }
            let maintenanceUnit = try elevator.maintenanceUnit.map { try units.id(db, name: $0, kind: .maintenance) }
            // In the order of fieldColumns.
            let values: [(any DatabaseValueConvertible)?] = [
                elevator.rescueCode, elevator.registrationCode, elevator.address, elevator.building, elevator.district,
                elevator.street, elevator.internalNumber, elevator.nextInspection?.description, userUnit, maintenanceUnit,
                elevator.manufacturer, elevator.isStopped, elevator.isClassified,
            ]
            guard let row = try Row.fetchOne(current, arguments: [elevator.number.value]) else {
                tally.noteInserted()
                var arguments: [(any DatabaseValueConvertible)?] = [elevator.number.value]
                arguments += values
                try insert.execute(arguments: StatementArguments(arguments))
                return
            }
            let before = try Self.elevator(from: row, number: elevator.number)
            guard tally.noteRegistered(elevator, before: before) else { return }
            var arguments: [(any DatabaseValueConvertible)?] = updated.map { values[$0] }
            arguments.append(elevator.number.value)
            try update.execute(arguments: StatementArguments(arguments))
        }
        return tally.report
    }

    public func elevators(_ filter: ElevatorFilter) async throws -> [ElevatorFacts] {
        try await reader.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let unit = filter.userUnit {
                clauses.append("e.userUnitId = (SELECT id FROM unit WHERE kind = 'user' AND name = ?)")
                arguments += [unit]
            }
            if let unit = filter.maintenanceUnit {
                clauses.append("e.maintenanceUnitId = (SELECT id FROM unit WHERE kind = 'maintenance' AND name = ?)")
                arguments += [unit]
            }
            if let district = filter.district { clauses.append("e.district = ?"); arguments += [district] }
            if let street = filter.street { clauses.append("e.street = ?"); arguments += [street] }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [filter.limit, filter.offset]
            let numbers = try Int.fetchAll(db, sql: "SELECT e.number FROM elevator e \(whereClause) ORDER BY e.number LIMIT ? OFFSET ?", arguments: arguments)
            return try numbers.compactMap { value in try NNumber(value: value).flatMap { try Self.fetchFacts(db, number: $0) } }
        }
    }

    /// The street offices the registry's elevators of a district name.
    public func streets(inDistrict district: String) async throws -> Set<String> {
        try await reader.read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT street FROM elevator WHERE district = ? AND street IS NOT NULL", arguments: [district]))
        }
    }

    /// How many elevators the registry holds.
    public func elevatorCount() throws -> Int {
        try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM elevator") ?? 0 }
    }
}

/// The elevator columns that hold each type's last counted day.
enum MaintenanceHistoryColumns {
    static let byType: [(MaintenanceType, String)] = [
        (.halfMonth, "lastHalfMonthDay"), (.quarterly, "lastQuarterlyDay"),
        (.halfYear, "lastHalfYearDay"), (.yearly, "lastYearlyDay"),
    ]
}

/// Unit ids by kind and name, creating units the first time a name is seen.
struct UnitCache {
    /// Keyed by the name's UTF-8 bytes: hashing a Chinese String normalises it first, which
    /// dominated the cost of a million-row import.
    private struct Key: Hashable {
        let kind: Organization.Kind
        let name: [UInt8]
    }

    private var ids: [Key: Int64] = [:]

    mutating func id(_ db: Database, name: String, kind: Organization.Kind) throws -> Int64 {
        let key = Key(kind: kind, name: Array(name.utf8))
        if let id = ids[key] { return id }
        let id: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM unit WHERE kind = ? AND name = ?", arguments: [kind.rawValue, name]) {
            id = existing
        } else {
            try db.execute(sql: "INSERT INTO unit (name, kind) VALUES (?, ?)", arguments: [name, kind.rawValue])
            id = db.lastInsertedRowID
        }
        ids[key] = id
        return id
    }
}
