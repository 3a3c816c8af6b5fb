import Foundation
import LiftCore
import NIOCore
import PostgresNIO

extension PostgresStore: RegistryStore {
    public func facts(for number: NNumber) async throws -> ElevatorFacts? {
        try await client.withConnection { connection in
            let transaction = Transaction(connection: connection, logger: logger)
            return try await Self.fetchFacts(transaction, number: number)
        }
    }

    static func fetchFacts(_ db: Transaction, number: NNumber) async throws -> ElevatorFacts? {
        guard let row = try await db.rows(ElevatorFactsStatement(number: number.value)).first else { return nil }
        var facts = ElevatorFacts(elevator: try elevator(from: row, number: number))
        facts.userUnitPhone = try row("userUnitPhone")
        facts.maintenanceUnitPhone = try row("maintenanceUnitPhone")
        facts.history = try history(from: row)
        if let endedAt: Date = try row("lastEndedAt"), let typeCode: String = try row("lastType"), let type = MaintenanceType(rawValue: typeCode) {
            facts.lastMaintenance = LastMaintenance(
                endedAt: endedAt, type: type, workerName: try row("lastWorkerName") ?? "", workerPhone: try row("lastWorkerPhone"))
        }
        facts.revokedSerials = try row("revokedSerials", as: [Int].self)
        facts.insurancePolicies = try await db.rows(InsurancePoliciesStatement(number: number.value)).compactMap(insurance(from:))
        return facts
    }

    static func bindings(_ values: Int...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }

    static func insurance(from row: RowReader) throws -> Insurance? {
        guard let from = try? CivilDate(parsing: try row("validFrom") as String), let to = try? CivilDate(parsing: try row("validTo") as String)
        else { return nil }
        return Insurance(
            insurer: try row("insurer"), policyNumber: try row("policyNumber"), coverage: try row("coverage"), validFrom: from, validTo: to,
            claimsPhone: try row("claimsPhone"))
    }

    static func elevator(from row: RowReader, number: NNumber) throws -> Elevator {
        Elevator(
            number: number, rescueCode: try row("rescueCode"), registrationCode: try row("registrationCode"), address: try row("address"),
            building: try row("building"), district: try row("district"), street: try row("street"), internalNumber: try row("internalNumber"),
            nextInspection: (try row("nextInspection") as String?).flatMap { try? CivilDate(parsing: $0) },
            userUnit: try row("userUnitName"), maintenanceUnit: try row("maintenanceUnitName"), manufacturer: try row("manufacturer"),
            isStopped: try row("isStopped"), isClassified: try row("isClassified"))
    }

    /// The elevator columns that hold each type's last counted day.
    static let historyColumns: [(MaintenanceType, String)] = [
        (.halfMonth, "lastHalfMonthDay"), (.quarterly, "lastQuarterlyDay"), (.halfYear, "lastHalfYearDay"), (.yearly, "lastYearlyDay"),
    ]

    static func history(from row: RowReader) throws -> MaintenanceHistory {
        var history = MaintenanceHistory()
        for (type, column) in historyColumns {
            if let day: Int = try row(column) { history.lastCounted[type] = CivilDate(daysSinceEpoch: day) }
        }
        if let first: Int = try row("firstCountedDay") { history.firstCounted = CivilDate(daysSinceEpoch: first) }
        return history
    }

    public func revokedSerials(of number: NNumber) async throws -> [Int] {
        try await rows("SELECT serial FROM label WHERE number = \(number.value) AND status = 'revoked' ORDER BY serial").map { try $0("serial") }
    }

    public func standing(of number: NNumber) async throws -> NumberStanding {
        try await client.withConnection { connection in
            let transaction = Transaction(connection: connection, logger: logger)
            guard let row = try await transaction.rows(NumberStandingStatement(number: number.value)).first else {
                return NumberStanding(isRegistered: false, revokedSerials: [])
            }
            return NumberStanding(isRegistered: try row("registered"), revokedSerials: try row("revokedSerials", as: [Int].self))
        }
    }

    public func workers(ofUnit unit: String) async throws -> [Worker] {
        try await rows(
            """
            SELECT w.*, u.name AS unitName FROM worker w JOIN unit u ON u.id = w.unitId
            WHERE u.name = \(unit) AND u.kind = 'maintenance' ORDER BY w.name, w.login
            """
        ).map(Self.worker(from:))
    }

    static func worker(from row: RowReader) throws -> Worker {
        Worker(id: try row("id"), login: try row("login"), name: try row("name"), phone: try row("phone"), unitName: try row("unitName"))
    }

    public func elevators(_ filter: ElevatorFilter) async throws -> [ElevatorFacts] {
        var statement = SQLStatement("SELECT e.number FROM elevator e WHERE true")
        if let unit = filter.userUnit { statement.append(" AND e.userUnitId = (SELECT id FROM unit WHERE kind = 'user' AND name = ?)", unit) }
        if let unit = filter.maintenanceUnit {
            statement.append(" AND e.maintenanceUnitId = (SELECT id FROM unit WHERE kind = 'maintenance' AND name = ?)", unit)
        }
        if let district = filter.district { statement.append(" AND e.district = ?", district) }
        if let street = filter.street { statement.append(" AND e.street = ?", street) }
        statement.append(" ORDER BY e.number LIMIT ? OFFSET ?", max(filter.limit, 0), max(filter.offset, 0))
        return try await client.withConnection { connection in
            let db = Transaction(connection: connection, logger: logger)
            var facts: [ElevatorFacts] = []
            for row in try await db.rows(statement) {
                if let number = NNumber(value: try row("number")), let found = try await Self.fetchFacts(db, number: number) {
                    facts.append(found)
                }
            }
            return facts
        }
    }

    /// The street offices the registry's elevators of a district name.
    public func streets(inDistrict district: String) async throws -> Set<String> {
        Set(try await rows("SELECT DISTINCT street FROM elevator WHERE district = \(district) AND street IS NOT NULL").map { try $0("street") })
    }

    /// How many elevators the registry holds.
    public func elevatorCount() async throws -> Int {
        try await scalar("SELECT count(*) FROM elevator", as: Int.self) ?? 0
    }

    // MARK: - Import

    /// The registry's columns an import field is stored in (units by id), in a fixed order.
    static let fieldColumns: [(ElevatorField, String)] = [
        (.rescueCode, "rescueCode"), (.registrationCode, "registrationCode"), (.address, "address"),
        (.building, "building"), (.district, "district"), (.street, "street"), (.internalNumber, "internalNumber"),
        (.nextInspection, "nextInspection"), (.userUnit, "userUnitId"), (.maintenanceUnit, "maintenanceUnitId"),
        (.manufacturer, "manufacturer"), (.stopped, "isStopped"), (.classified, "isClassified"),
    ]

    public func importElevators(
        setting fields: Set<ElevatorField>, dryRun: Bool, _ produce: ((Elevator) throws -> Void) throws -> Void
    ) async throws -> RegistryImportReport {
        try await transaction(rollback: dryRun) { db in
            // One import at a time across every server: the diff below reads what it then writes.
            try await db.lock("liftcode-registry-import")
            // Every statement of an import finds rows by number. A registry that starts empty has
            // statistics saying so, and the planner then scanned the whole growing table for each
            // chunk's numbers (9.5 of an import's 60 s went there for 999,999 rows): indexes only.
            try await db.execute("SET LOCAL enable_seqscan = off")
            var knownStreets: [String: Set<String>] = [:]
            for row in try await db.rows("SELECT DISTINCT district, street FROM elevator WHERE street IS NOT NULL") {
                knownStreets[try row("district"), default: []].insert(try row("street"))
            }
            var tally = RegistryImportTally(setting: fields, columnOrder: Self.fieldColumns.map(\.0), knownStreets: knownStreets)
            var units = UnitIDs()
            let updated = Self.fieldColumns.indices.filter { tally.writes(Self.fieldColumns[$0].0) }
            try await RowFeed.feed(chunkSize: 5000, produce) { chunk in
                let numbers = chunk.map(\.number.value)
                var current: [Int: Elevator] = [:]
                for row in try await db.rows(
                    """
                    SELECT e.*, uu.name AS userUnitName, mu.name AS maintenanceUnitName FROM elevator e
                    LEFT JOIN unit uu ON uu.id = e.userUnitId LEFT JOIN unit mu ON mu.id = e.maintenanceUnitId
                    WHERE e.number = ANY(\(numbers))
                    """)
                {
                    let value: Int = try row("number")
                    guard let number = NNumber(value: value) else { throw PostgresStoreError.corruptRow("elevator \(value)") }
                    current[value] = try Self.elevator(from: row, number: number)
                }
                var inserts: [[String?]] = []
                // The numbers in `inserts`, not yet written.
                var pending = Set<Int>()
                for elevator in chunk {
                    tally.noteStreet(of: elevator)
                    let userUnit = try await elevator.userUnit.asyncMap { try await units.id(db, name: $0, kind: .user) }
                    let maintenanceUnit = try await elevator.maintenanceUnit.asyncMap { try await units.id(db, name: $0, kind: .maintenance) }
                    let values = Self.columnValues(elevator, userUnit: userUnit, maintenanceUnit: maintenanceUnit)
                    guard let before = current[elevator.number.value] else {
                        tally.noteInserted()
                        inserts.append([String(elevator.number.value)] + values)
                        pending.insert(elevator.number.value)
                        current[elevator.number.value] = elevator
                        continue
                    }
                    // Listed again after its insert in this chunk: write the inserts first, then update.
                    if pending.contains(elevator.number.value) {
                        try await Self.copy(inserts, db)
                        inserts.removeAll()
                        pending.removeAll()
                    }
                    if tally.noteRegistered(elevator, before: before) {
                        try await Self.update(elevator, values: values, updated: updated, db)
                    }
                    current[elevator.number.value] = elevator
                }
                try await Self.copy(inserts, db)
            }
            return tally.report
        }
    }

    /// An elevator's values in the order of `fieldColumns`, as COPY text (nil: NULL).
    static func columnValues(_ elevator: Elevator, userUnit: Int64?, maintenanceUnit: Int64?) -> [String?] {
        [
            elevator.rescueCode, elevator.registrationCode, elevator.address, elevator.building, elevator.district,
            elevator.street, elevator.internalNumber, elevator.nextInspection?.description, userUnit.map(String.init),
            maintenanceUnit.map(String.init), elevator.manufacturer, elevator.isStopped ? "t" : "f", elevator.isClassified ? "t" : "f",
        ]
    }

    /// Writes the `updated` field columns of a registered elevator.
    static func update(_ elevator: Elevator, values: [String?], updated: [Int], _ db: Transaction) async throws {
        // Column names come from fieldColumns (constants); every value is bound, cast from text.
        var statement = SQLStatement("UPDATE elevator SET ")
        for (position, index) in updated.enumerated() {
            let column = fieldColumns[index].1
            let type = column.hasSuffix("Id") ? "bigint" : column.hasPrefix("is") ? "boolean" : "text"
            statement.append(constant: (position == 0 ? "" : ", ") + column + " = " + statement.bind(values[index]) + "::" + type)
        }
        statement.append(" WHERE number = ?", elevator.number.value)
        try await db.execute(statement.query)
    }

    /// Inserts new elevators with COPY (text format).
    static func copy(_ rows: [[String?]], _ db: Transaction) async throws {
        guard !rows.isEmpty else { return }
        let columns = ["number"] + fieldColumns.map { $0.1.lowercased() }
        try await db.connection.copyFrom(table: "elevator", columns: columns, logger: db.logger) { writer in
            var buffer = ByteBuffer()
            for row in rows {
                CopyText.append(row, to: &buffer)
                if buffer.readableBytes > 256 * 1024 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

/// Unit ids by kind and name, creating units the first time a name is seen (by any server: a
/// unit another import created at the same moment is found, not duplicated).
struct UnitIDs {
    /// Keyed by the name's UTF-8 bytes: hashing a Chinese String normalises it first, which would
    /// dominate a million-row import (as `UnitCache` found on SQLite).
    private struct Key: Hashable {
        let kind: Organization.Kind
        let name: [UInt8]
    }

    private var ids: [Key: Int64] = [:]

    mutating func id(_ db: Transaction, name: String, kind: Organization.Kind) async throws -> Int64 {
        let key = Key(kind: kind, name: Array(name.utf8))
        if let id = ids[key] { return id }
        try await db.execute("INSERT INTO unit (name, kind) VALUES (\(name), \(kind.rawValue)) ON CONFLICT (kind, name) DO NOTHING")
        guard let id = try await db.scalar("SELECT id FROM unit WHERE kind = \(kind.rawValue) AND name = \(name)", as: Int64.self) else {
            throw PostgresStoreError.corruptRow("unit \(name) vanished while it was created")
        }
        ids[key] = id
        return id
    }
}

/// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
enum CopyText {
    static func append(_ row: [String?], to buffer: inout ByteBuffer) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            guard let value else {
                buffer.writeStaticString("\\N")
                continue
            }
            // Most values need no escape: written whole.
            guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
            else {
                buffer.writeString(value)
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }
}
