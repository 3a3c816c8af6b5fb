import ArgumentParser
import Foundation
import LiftPostgres
import LiftStore

/// `liftcode db copy --from liftcode.sqlite --to postgres://…`: a SQLite deployment moved into a
/// new PostgreSQL database, every table's rows counted on both sides.
struct DbCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a SQLite database into a new, empty PostgreSQL database, checking every table's row count.",
        discussion: """
            Stop every `liftcode serve` on the SQLite file first: rows written during the copy would be missed. The SQLite \
            file is migrated to this version's schema before it is read. The target must be empty (a new database); the copy \
            is one transaction, so a failure leaves it empty.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database file to copy.", valueName: "path"))
    var from: String

    @Option(help: ArgumentHelp("The new PostgreSQL database: postgres://USER@HOST:PORT/DB.", valueName: "url"))
    var to: String

    func run() async throws {
        guard !PostgresAddress.isPostgres(from) else {
            throw UsageFailure("--from names a SQLite database file, not \(GlobalOptions.redacted(from))")
        }
        guard FileManager.default.fileExists(atPath: from) else { throw CommandFailure("there is no SQLite database at \(from)") }
        guard PostgresAddress.isPostgres(to) else {
            throw UsageFailure("--to must be a PostgreSQL address, postgres://USER@HOST:PORT/DB (got \(PostgresAddress.redacted(to)))")
        }
        let address: PostgresAddress
        do {
            address = try PostgresAddress(parsing: to)
        } catch let error as PostgresAddressError {
            throw UsageFailure("--to: \(error.description)")
        }
        let source: AppDatabase
        do {
            source = try AppDatabase.open(path: from)
        } catch {
            throw CommandFailure("cannot open the SQLite database \(from): \(error)")
        }
        let tables = AppDatabase.copiedTables
        var expected: [String: Int] = [:]
        for table in tables { expected[table] = try source.rowCount(ofTable: table) }
        let target: PostgresStore
        do {
            target = try await PostgresStore.open(address)
        } catch {
            throw CommandFailure("\(error)")
        }
        defer { target.close() }
        let copied: [String: Int]
        do {
            copied = try await target.copyTables(tables, from: source, expected: expected)
        } catch let error as PostgresStoreError {
            throw CommandFailure(error.description)
        } catch let error as AppDatabase.CopyError {
            throw CommandFailure(error.description)
        }
        let rows = tables.map { [$0, String(copied[$0] ?? 0)] }
        TextTable.print(header: ["table", "rows"], rows: rows)
        print("copied \(copied.values.reduce(0, +)) rows from \(from) to \(address); every table's count matches")
    }
}

extension AppDatabase: TableSource {}
