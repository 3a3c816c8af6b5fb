import Foundation
import GRDB
import LiftCore

extension AppDatabase: VisitStore {
    public func startVisit(_ start: VisitStart) async throws {
        try await dbWriter.write { db in
            try db.execute(
                sql: """
                    INSERT INTO visitStart (workerLogin, number, scan, isTyped, type, at, photoType, photo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(workerLogin) DO UPDATE SET number = excluded.number, scan = excluded.scan, isTyped = excluded.isTyped,
                        type = excluded.type, at = excluded.at, photoType = excluded.photoType, photo = excluded.photo
                    """,
                arguments: [
                    start.workerLogin, start.number.value, start.scan, start.isTyped, start.type.rawValue, start.at,
                    start.photo?.contentType, start.photo?.data,
                ])
        }
    }

    public func openVisit(workerLogin: String) async throws -> VisitStart? {
        try await reader.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM visitStart WHERE workerLogin = ?", arguments: [workerLogin]),
                let number = NNumber(value: row["number"]), let type = MaintenanceType(rawValue: row["type"])
            else { return nil }
            let photo: LabelPhoto? = (row["photoType"] as String?).flatMap { contentType in
                (row["photo"] as Data?).map { LabelPhoto(contentType: contentType, data: $0) }
            }
            return VisitStart(
                workerLogin: row["workerLogin"], number: number, scan: row["scan"], isTyped: row["isTyped"], type: type, at: row["at"], photo: photo)
        }
    }

    public func endVisit(workerLogin: String) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "DELETE FROM visitStart WHERE workerLogin = ?", arguments: [workerLogin])
        }
    }

    public func savePhoto(_ photo: LabelPhoto, recordID: Int64) async throws {
        try await dbWriter.write { db in
            try db.execute(
                sql: "INSERT INTO maintenancePhoto (recordId, contentType, data) VALUES (?, ?, ?) ON CONFLICT(recordId) DO NOTHING",
                arguments: [recordID, photo.contentType, photo.data])
        }
    }

    public func photo(recordID: Int64) async throws -> LabelPhoto? {
        try await reader.read { db in
            try Row.fetchOne(db, sql: "SELECT contentType, data FROM maintenancePhoto WHERE recordId = ?", arguments: [recordID]).map {
                LabelPhoto(contentType: $0["contentType"], data: $0["data"])
            }
        }
    }
}
