import Foundation
import LiftCore
import PostgresNIO

extension PostgresStore {
    /// Creates a unit or updates its phone and webhook (a unit given a webhook without a secret
    /// gets a generated one). For the demo seeder and tests; operators go through `updateUnit`.
    @discardableResult
    public func saveUnit(_ unit: Organization) async throws -> Int64 {
        try await transaction { db in
            var units = UnitIDs()
            let id = try await units.id(db, name: unit.name, kind: unit.kind)
            let secret = unit.webhookURL == nil ? nil : WebhookSecret.generate().value
            try await db.execute(
                """
                UPDATE unit SET phone = \(unit.phone), webhookURL = \(unit.webhookURL), webhookSecret = coalesce(webhookSecret, \(secret))
                WHERE id = \(id)
                """)
            return id
        }
    }

    /// A unit by kind and name.
    public func unit(named name: String, kind: Organization.Kind) async throws -> Organization? {
        try await row("SELECT * FROM unit WHERE kind = \(kind.rawValue) AND name = \(name)").map(Self.organization(from:))
    }

    /// Creates or updates a worker (by login) of a maintenance unit.
    public func saveWorker(_ worker: Worker) async throws {
        try await transaction { db in
            var units = UnitIDs()
            let unitID = try await units.id(db, name: worker.unitName, kind: .maintenance)
            try await db.execute(
                """
                INSERT INTO worker (login, name, phone, unitId) VALUES (\(worker.login), \(worker.name), \(worker.phone), \(unitID))
                ON CONFLICT (login) DO UPDATE SET name = excluded.name, phone = excluded.phone, unitId = excluded.unitId
                """)
        }
    }

    /// A worker by login.
    public func worker(login: String) async throws -> Worker? {
        try await row("SELECT w.*, u.name AS unitName FROM worker w JOIN unit u ON u.id = w.unitId WHERE w.login = \(login)")
            .map(Self.worker(from:))
    }

    static func organization(from row: RowReader) throws -> Organization {
        Organization(
            id: try row("id"), name: try row("name"), kind: Organization.Kind(rawValue: try row("kind")) ?? .user, phone: try row("phone"),
            webhookURL: try row("webhookURL"))
    }
}

extension PostgresStore: UnitStore {
    public func importInsurance(_ produce: ((InsurancePolicyRow) throws -> Void) throws -> Void) async throws -> OperatorImportCount {
        try await transaction { db in
            var count = OperatorImportCount()
            var resolver = ElevatorResolver()
            try await RowFeed.feed(chunkSize: 500, produce) { chunk in
                for row in chunk {
                    let number = try await resolver.number(of: row.elevator, db)
                    let removed = try await db.rows(
                        "DELETE FROM insurancePolicy WHERE number = \(number.value) AND policyNumber = \(row.insurance.policyNumber) RETURNING id")
                    if removed.isEmpty { count.inserted += 1 } else { count.updated += 1 }
                    let insurance = row.insurance
                    try await db.execute(
                        """
                        INSERT INTO insurancePolicy (number, insurer, policyNumber, coverage, validFrom, validTo, claimsPhone)
                        VALUES (\(number.value), \(insurance.insurer), \(insurance.policyNumber), \(insurance.coverage),
                            \(insurance.validFrom.description), \(insurance.validTo.description), \(insurance.claimsPhone))
                        """)
                }
            }
            return count
        }
    }

    public func importUnits(_ produce: ((UnitUpdate) throws -> UnitUpdateOutcome) throws -> Void) async throws -> OperatorImportCount {
        try await transaction { db in
            var count = OperatorImportCount()
            try await RowExchange.exchange(produce) { update in
                let outcome = try await Self.apply(update, db)
                if outcome.created { count.inserted += 1 } else { count.updated += 1 }
                return outcome
            }
            return count
        }
    }

    public func importWorkers(_ produce: ((Worker) throws -> Void) throws -> Void) async throws -> OperatorImportCount {
        try await transaction { db in
            var count = OperatorImportCount()
            try await RowFeed.feed(chunkSize: 500, produce) { chunk in
                for worker in chunk {
                    guard let unit = try await db.scalar(
                        "SELECT id FROM unit WHERE kind = 'maintenance' AND name = \(worker.unitName)", as: Int64.self)
                    else { throw UnitStoreError.unknownMaintenanceUnit(worker.unitName) }
                    let existed = try await db.scalar("SELECT 1 FROM worker WHERE login = \(worker.login)", as: Int.self) != nil
                    if existed { count.updated += 1 } else { count.inserted += 1 }
                    try await db.execute(
                        """
                        INSERT INTO worker (login, name, phone, unitId) VALUES (\(worker.login), \(worker.name), \(worker.phone), \(unit))
                        ON CONFLICT (login) DO UPDATE SET name = excluded.name, phone = excluded.phone, unitId = excluded.unitId
                        """)
                }
            }
            return count
        }
    }

    public func updateUnit(_ update: UnitUpdate) async throws -> UnitUpdateOutcome {
        try await transaction { db in try await Self.apply(update, db) }
    }

    /// Finds (or creates) the unit and applies the change; a unit left with a webhook and no
    /// secret gets a generated one.
    static func apply(_ update: UnitUpdate, _ db: Transaction) async throws -> UnitUpdateOutcome {
        let kind = update.kind?.rawValue
        var matches = try await db.rows(
            """
            SELECT * FROM unit WHERE name = \(update.name) AND kind IN ('user', 'maintenance') AND (\(kind)::text IS NULL OR kind = \(kind))
            FOR UPDATE
            """)
        guard matches.count <= 1 else { throw UnitStoreError.ambiguousUnit(update.name) }
        var created = false
        if matches.isEmpty {
            guard update.createIfMissing, let kind = update.kind else { throw UnitStoreError.unknownUnit(update.name) }
            matches = try await db.rows(
                """
                INSERT INTO unit (name, kind) VALUES (\(update.name), \(kind.rawValue))
                ON CONFLICT (kind, name) DO UPDATE SET name = excluded.name RETURNING *
                """)
            created = true
        }
        guard let row = matches.first else { throw UnitStoreError.unknownUnit(update.name) }
        let id: Int64 = try row("id")
        let (contact, generated) = update.applied(
            to: UnitContact(phone: try row("phone"), webhookURL: try row("webhookURL"), webhookSecret: try row("webhookSecret")))
        let (phone, webhook, secret) = (contact.phone, contact.webhookURL, contact.webhookSecret)
        try await db.execute(
            "UPDATE unit SET phone = \(phone), webhookURL = \(webhook), webhookSecret = \(secret) WHERE id = \(id)")
        var unit = try organization(from: row)
        unit.phone = phone
        unit.webhookURL = webhook
        return UnitUpdateOutcome(unit: unit, created: created, generatedSecret: generated)
    }

    public func unitListings(kind: Organization.Kind?) async throws -> [UnitListing] {
        let kind = kind?.rawValue
        return try await rows(
            """
            SELECT u.*,
                CASE u.kind
                    WHEN 'maintenance' THEN (SELECT count(*) FROM elevator e WHERE e.maintenanceUnitId = u.id)
                    ELSE (SELECT count(*) FROM elevator e WHERE e.userUnitId = u.id) END AS elevators,
                (SELECT count(*) FROM worker w WHERE w.unitId = u.id) AS workers
            FROM unit u WHERE u.kind IN ('user', 'maintenance') AND (\(kind)::text IS NULL OR u.kind = \(kind))
            ORDER BY u.kind, u.name
            """
        ).map {
            UnitListing(
                name: try $0("name"), kind: Organization.Kind(rawValue: try $0("kind")) ?? .user, phone: try $0("phone"),
                webhookURL: try $0("webhookURL"), hasWebhookSecret: (try $0("webhookSecret") as String?) != nil,
                elevators: try $0("elevators"), workers: try $0("workers"))
        }
    }
}

/// Elevator numbers for the references of an insurance file; registration codes are looked up in
/// one pass over the registry the first time a file uses one.
struct ElevatorResolver {
    private var byRegistrationCode: [String: [Int]]?

    mutating func number(of reference: ElevatorReference, _ db: Transaction) async throws -> NNumber {
        switch reference {
        case .number(let number):
            guard try await db.scalar("SELECT 1 FROM elevator WHERE number = \(number.value)", as: Int.self) != nil else {
                throw UnitStoreError.unknownElevator(reference)
            }
            return number
        case .registrationCode(let code):
            if byRegistrationCode == nil {
                var map: [String: [Int]] = [:]
                for row in try await db.rows("SELECT number, registrationCode FROM elevator WHERE registrationCode IS NOT NULL") {
                    map[try row("registrationCode"), default: []].append(try row("number"))
                }
                byRegistrationCode = map
            }
            let numbers = byRegistrationCode?[code] ?? []
            guard numbers.count <= 1 else { throw UnitStoreError.ambiguousRegistrationCode(code, count: numbers.count) }
            guard let value = numbers.first, let number = NNumber(value: value) else { throw UnitStoreError.unknownElevator(reference) }
            return number
        }
    }
}
