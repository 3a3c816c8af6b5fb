import Foundation
import GRDB

extension AppDatabase {
    /// Every table of a liftcode database, parents before children, as `liftcode db copy` moves
    /// them to another engine.
    public static let copiedTables = [
        "unit", "elevator", "worker", "insurancePolicy", "keyStatus", "labelBatch", "label", "maintenanceRecord", "complaint",
        "complaintEvent", "rescue", "rescueEvent", "regulatorOffice", "outbox", "account", "signInFailure", "session",
        "visitStart", "maintenancePhoto",
    ]

    /// Why a table cannot be copied.
    public struct CopyError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A table's columns, in their order (`copiedTables` only).
    public func columns(ofTable table: String) throws -> [String] {
        guard Self.copiedTables.contains(table) else { throw CopyError(description: "\(table) is not a liftcode table") }
        return try reader.read { db in try db.columns(in: table).map(\.name) }
    }

    /// How many rows a table holds (`copiedTables` only).
    public func rowCount(ofTable table: String) throws -> Int {
        guard Self.copiedTables.contains(table) else { throw CopyError(description: "\(table) is not a liftcode table") }
        return try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0 }
    }

    /// Hands each row of a table to `body` as text, in `columns`' order, one row at a time: NULL
    /// as nil, numbers in decimal, dates as stored ("yyyy-MM-dd HH:mm:ss.SSS", UTC), booleans as 0
    /// or 1, blobs as PostgreSQL's hex form ("\x…"). The table is read in one read transaction.
    public func forEachRow(ofTable table: String, columns: [String], _ body: ([String?]) throws -> Void) throws {
        let known = try self.columns(ofTable: table)
        if let unknown = columns.first(where: { !known.contains($0) }) {
            throw CopyError(description: "\(table) has no column \(unknown)")
        }
        try reader.read { db in
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY rowid")
            while let row = try cursor.next() {
                try body((0..<columns.count).map { Self.text(of: row[$0] as DatabaseValue) })
            }
        }
    }

    static func text(of value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): "\\x" + hex(data)
        }
    }

    private static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(data.count * 2)
        for byte in data {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
