import GRDB
import LiftCore

extension AppDatabase {
    /// Creates a unit or updates its phone and webhook.
    @discardableResult
    public func saveUnit(_ unit: Organization) throws -> Int64 {
        try dbWriter.write { db in
            var cache = UnitCache()
            let id = try cache.id(db, name: unit.name, kind: unit.kind)
            try db.execute(
                sql: "UPDATE unit SET phone = ?, webhookURL = ? WHERE id = ?",
                arguments: [unit.phone, unit.webhookURL, id])
            return id
        }
    }

    /// A unit by kind and name.
    public func unit(named name: String, kind: Organization.Kind) throws -> Organization? {
        try reader.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE kind = ? AND name = ?", arguments: [kind.rawValue, name]).map {
                Organization(id: $0["id"], name: $0["name"], kind: kind, phone: $0["phone"], webhookURL: $0["webhookURL"])
            }
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
    public func worker(login: String) throws -> Worker? {
        try reader.read { db in
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
}
