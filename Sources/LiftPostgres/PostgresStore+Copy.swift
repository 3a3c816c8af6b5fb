import Foundation
import LiftCore
import NIOCore
import PostgresNIO

/// Where `PostgresStore.copyTables` reads a deployment's rows: another engine's tables, as text.
public protocol TableSource: Sendable {
    /// A table's columns, in their order.
    func columns(ofTable table: String) throws -> [String]
    /// Each row of a table as text in `columns`' order (nil: NULL; bytea as "\x…" hex; times in UTC).
    func forEachRow(ofTable table: String, columns: [String], _ body: ([String?]) throws -> Void) throws
}

extension PostgresStore {
    /// The tables with a `bigserial` id, whose sequences must continue after copied rows.
    static let serialTables = [
        "unit", "worker", "insurancePolicy", "maintenanceRecord", "complaintEvent", "rescueEvent", "outbox", "account", "signInFailure",
    ]

    /// Rows per table, for `tables` (liftcode's own table names; anything else is refused).
    public func rowCounts(_ tables: [String]) async throws -> [String: Int] {
        try await transaction { db in try await Self.rowCounts(tables, db) }
    }

    static func rowCounts(_ tables: [String], _ db: Transaction) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            try checkTableName(table)
            counts[table] = try await db.scalar(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), as: Int.self) ?? 0
        }
        return counts
    }

    /// A table name goes into SQL text only if it is one of liftcode's (`PostgresMigrations`).
    static func checkTableName(_ table: String) throws {
        let known = PostgresMigrations.tableNames
        guard known.contains(table.lowercased()), table.allSatisfy({ $0.isLetter && $0.isASCII }) else {
            throw PostgresStoreError.unknownTable(table)
        }
    }

    /// Copies every row of `tables` (parents first) from `source` into this database, which
    /// must hold none yet, in one transaction: on any error nothing is written. Sequences continue
    /// after the copied ids. Before committing, each table's rows are counted against `expected`
    /// (the source's counts); a difference rolls everything back. Returns the counts.
    public func copyTables(_ tables: [String], from source: any TableSource, expected: [String: Int]) async throws -> [String: Int] {
        try await transaction { db in
            try await db.lock("liftcode-copy")
            // Times come as UTC text.
            try await db.execute("SET LOCAL TIME ZONE 'UTC'")
            let before = try await Self.rowCounts(tables, db)
            let filled = tables.filter { (before[$0] ?? 0) > 0 }
            guard filled.isEmpty else {
                throw PostgresStoreError.notEmpty(
                    "\(address) is not empty (\(filled.map { "\($0): \(before[$0] ?? 0) rows" }.joined(separator: ", "))): "
                        + "copy into a new database")
            }
            for table in tables {
                let columns = try source.columns(ofTable: table)
                // Column names go into the COPY statement: only plain names, as liftcode's are.
                if let odd = columns.first(where: { $0.isEmpty || !$0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) {
                    throw PostgresStoreError.unknownTable("\(table).\(odd)")
                }
                try await RowFeed.feed(chunkSize: 5000, { add in
                    try source.forEachRow(ofTable: table, columns: columns) { try add($0) }
                }) { rows in
                    try await db.connection.copyFrom(table: table.lowercased(), columns: columns.map { $0.lowercased() }, logger: db.logger) {
                        writer in
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
            for table in Self.serialTables where tables.contains(table) {
                try await db.execute(
                    PostgresQuery(
                        unsafeSQL: "SELECT setval(pg_get_serial_sequence('\(table.lowercased())', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)"))
            }
            let after = try await Self.rowCounts(tables, db)
            let differing = tables.filter { after[$0] != expected[$0] }
            guard differing.isEmpty else {
                throw PostgresStoreError.countMismatch(
                    differing.map { "\($0): \(expected[$0] ?? 0) in the source, \(after[$0] ?? 0) copied" }.joined(separator: ", "))
            }
            // Revoked labels and key statuses arrived: a server already on this database reloads.
            try await db.announceTrustChange("copied")
            return after
        }
    }
}
