import GRDB
import LiftCore

extension AppDatabase {
    /// Creates a unit or updates its phone and webhook (a unit given a webhook without a secret
    /// gets a generated one). For the demo seeder and tests; operators go through `updateUnit`.
    @discardableResult
    public func saveUnit(_ unit: Organization) throws -> Int64 {
        try dbWriter.write { db in
            var cache = UnitCache()
            let id = try cache.id(db, name: unit.name, kind: unit.kind)
            try db.execute(
                sql: "UPDATE unit SET phone = ?, webhookURL = ?, webhookSecret = coalesce(webhookSecret, ?) WHERE id = ?",
                arguments: [unit.phone, unit.webhookURL, unit.webhookURL == nil ? nil : WebhookSecret.generate().value, id])
            return id
        }
    }

    /// A unit by kind and name.
    public func unit(named name: String, kind: Organization.Kind) async throws -> Organization? {
        try await reader.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE kind = ? AND name = ?", arguments: [kind.rawValue, name]).map(Self.organization(from:))
        }
    }

    /// The secret that signs a unit's webhook deliveries.
    public func webhookSecret(ofUnit name: String, kind: Organization.Kind) throws -> WebhookSecret? {
        try reader.read { db in
            try String.fetchOne(db, sql: "SELECT webhookSecret FROM unit WHERE kind = ? AND name = ?", arguments: [kind.rawValue, name])
                .map(WebhookSecret.init(unchecked:))
        }
    }

    /// Creates or updates a worker (by login) of a maintenance unit.
    public func saveWorker(_ worker: Worker) throws {
        try dbWriter.write { db in
            var cache = UnitCache()
            let unitID = try cache.id(db, name: worker.unitName, kind: .maintenance)
            try db.execute(
                sql: """
                    INSERT INTO worker (login, name, phone, unitId) VALUES (?, ?, ?, ?)
                    ON CONFLICT(login) DO UPDATE SET name = excluded.name, phone = excluded.phone, unitId = excluded.unitId
                    """,
                arguments: [worker.login, worker.name, worker.phone, unitID])
        }
    }

    /// A worker by login.
    public func worker(login: String) async throws -> Worker? {
        try await reader.read { db in
            try Row.fetchOne(
                db, sql: "SELECT w.*, u.name AS unitName FROM worker w JOIN unit u ON u.id = w.unitId WHERE w.login = ?",
                arguments: [login]
            ).map { Worker(id: $0["id"], login: $0["login"], name: $0["name"], phone: $0["phone"], unitName: $0["unitName"]) }
        }
    }

    /// Records the insurance policy that covers an elevator.
    public func addInsurance(_ insurance: Insurance, for number: NNumber) throws {
        try dbWriter.write { db in
            var record = InsurancePolicyRecord(number: number, insurance: insurance)
            try record.insert(db)
        }
    }

    /// An elevator's policies, latest end first.
    public func insurancePolicies(for number: NNumber) throws -> [Insurance] {
        try reader.read { db in
            try InsurancePolicyRecord.fetchAll(
                db, sql: "SELECT * FROM insurancePolicy WHERE number = ? ORDER BY validTo DESC, id DESC", arguments: [number.value]
            ).compactMap(\.insurance)
        }
    }

    static func organization(from row: Row) -> Organization {
        Organization(
            id: row["id"], name: row["name"], kind: Organization.Kind(rawValue: row["kind"]) ?? .user, phone: row["phone"],
            webhookURL: row["webhookURL"])
    }
}

extension AppDatabase: UnitStore {
    public func importInsurance(_ produce: ((InsurancePolicyRow) throws -> Void) throws -> Void) async throws -> OperatorImportCount {
        try await write(calling: produce) { db, produce in
            var count = OperatorImportCount()
            var resolver = ElevatorResolver()
            let remove = try db.cachedStatement(sql: "DELETE FROM insurancePolicy WHERE number = ? AND policyNumber = ?")
            try produce { row in
                let number = try resolver.number(of: row.elevator, db)
                try remove.execute(arguments: [number.value, row.insurance.policyNumber])
                if db.changesCount > 0 { count.updated += 1 } else { count.inserted += 1 }
                var record = InsurancePolicyRecord(number: number, insurance: row.insurance)
                try record.insert(db)
            }
            return count
        }
    }

    public func importUnits(_ produce: ((UnitUpdate) throws -> UnitUpdateOutcome) throws -> Void) async throws -> OperatorImportCount {
        try await write(calling: produce) { db, produce in
            var count = OperatorImportCount()
            try produce { update in
                let outcome = try Self.apply(update, db)
                if outcome.created { count.inserted += 1 } else { count.updated += 1 }
                return outcome
            }
            return count
        }
    }

    public func importWorkers(_ produce: ((Worker) throws -> Void) throws -> Void) async throws -> OperatorImportCount {
        try await write(calling: produce) { db, produce in
            var count = OperatorImportCount()
            let unitID = try db.cachedStatement(sql: "SELECT id FROM unit WHERE kind = 'maintenance' AND name = ?")
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM worker WHERE login = ?")
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO worker (login, name, phone, unitId) VALUES (?, ?, ?, ?)
                ON CONFLICT(login) DO UPDATE SET name = excluded.name, phone = excluded.phone, unitId = excluded.unitId
                """)
            try produce { worker in
                guard let unit = try Int64.fetchOne(unitID, arguments: [worker.unitName]) else {
                    throw UnitStoreError.unknownMaintenanceUnit(worker.unitName)
                }
                if try Bool.fetchOne(exists, arguments: [worker.login]) == true { count.updated += 1 } else { count.inserted += 1 }
                try upsert.execute(arguments: [worker.login, worker.name, worker.phone, unit])
            }
            return count
        }
    }

    public func updateUnit(_ update: UnitUpdate) async throws -> UnitUpdateOutcome {
        try await dbWriter.write { db in try Self.apply(update, db) }
    }

    /// Finds (or creates) the unit and applies the change; a unit left with a webhook and no
    /// secret gets a generated one.
    static func apply(_ update: UnitUpdate, _ db: Database) throws -> UnitUpdateOutcome {
        var matches = try Row.fetchAll(
            db, sql: "SELECT * FROM unit WHERE name = ? AND kind IN ('user', 'maintenance') AND (? IS NULL OR kind = ?)",
            arguments: [update.name, update.kind?.rawValue, update.kind?.rawValue])
        guard matches.count <= 1 else { throw UnitStoreError.ambiguousUnit(update.name) }
        var created = false
        if matches.isEmpty {
            guard update.createIfMissing, let kind = update.kind else { throw UnitStoreError.unknownUnit(update.name) }
            try db.execute(sql: "INSERT INTO unit (name, kind) VALUES (?, ?)", arguments: [update.name, kind.rawValue])
            matches = try Row.fetchAll(db, sql: "SELECT * FROM unit WHERE id = ?", arguments: [db.lastInsertedRowID])
            created = true
        }
        let row = matches[0]
        let id: Int64 = row["id"]
        let (contact, generated) = update.applied(
            to: UnitContact(phone: row["phone"], webhookURL: row["webhookURL"], webhookSecret: row["webhookSecret"]))
        let (phone, webhook, secret) = (contact.phone, contact.webhookURL, contact.webhookSecret)
        try db.execute(
            sql: "UPDATE unit SET phone = ?, webhookURL = ?, webhookSecret = ? WHERE id = ?", arguments: [phone, webhook, secret, id])
        var unit = organization(from: row)
        unit.phone = phone
        unit.webhookURL = webhook
        return UnitUpdateOutcome(unit: unit, created: created, generatedSecret: generated)
    }

    public func unitListings(kind: Organization.Kind?) async throws -> [UnitListing] {
        try await reader.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.*,
                        CASE u.kind
                            WHEN 'maintenance' THEN (SELECT count(*) FROM elevator e WHERE e.maintenanceUnitId = u.id)
                            ELSE (SELECT count(*) FROM elevator e WHERE e.userUnitId = u.id) END AS elevators,
                        (SELECT count(*) FROM worker w WHERE w.unitId = u.id) AS workers
                    FROM unit u WHERE u.kind IN ('user', 'maintenance') AND (? IS NULL OR u.kind = ?)
                    ORDER BY u.kind, u.name
                    """,
                arguments: [kind?.rawValue, kind?.rawValue]
            ).map {
                UnitListing(
                    name: $0["name"], kind: Organization.Kind(rawValue: $0["kind"]) ?? .user, phone: $0["phone"],
                    webhookURL: $0["webhookURL"], hasWebhookSecret: ($0["webhookSecret"] as String?) != nil,
                    elevators: $0["elevators"], workers: $0["workers"])
            }
        }
    }
}

/// Elevator numbers for the references of an insurance file. Registration codes are looked up
/// in one pass over the registry the first time a file uses one (they have no index: the registry
/// import, which must stay fast, would pay for it on every row).
struct ElevatorResolver {
    private var byRegistrationCode: [String: [Int]]?

    mutating func number(of reference: ElevatorReference, _ db: Database) throws -> NNumber {
        switch reference {
        case .number(let number):
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM elevator WHERE number = ?"), arguments: [number.value]) == true else {
                throw UnitStoreError.unknownElevator(reference)
            }
            return number
        case .registrationCode(let code):
            if byRegistrationCode == nil {
                var map: [String: [Int]] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT number, registrationCode FROM elevator WHERE registrationCode IS NOT NULL")
                while let row = try rows.next() { map[row["registrationCode"], default: []].append(row["number"]) }
                byRegistrationCode = map
            }
            let numbers = byRegistrationCode?[code] ?? []
            guard numbers.count <= 1 else { throw UnitStoreError.ambiguousRegistrationCode(code, count: numbers.count) }
            guard let value = numbers.first, let number = NNumber(value: value) else { throw UnitStoreError.unknownElevator(reference) }
            return number
        }
    }
}
