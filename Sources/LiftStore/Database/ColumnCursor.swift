import Foundation
import GRDB

/// Steps a prepared statement and reads each row by column position, for the few hot queries
/// (the label lookup) where GRDB's `Row` costs more than the query: a `Row` cursor builds a
/// dictionary of lower-cased column names on every fetch, and each `row["name"]` lower-cases and
/// hashes the name again. The SQL of such a query names its columns in the order its reader reads.
final class ColumnCursor<Element>: DatabaseCursor {
    var _isDone = false
    let _statement: Statement
    private let read: (ColumnValues) throws -> Element

    init(_ statement: Statement, arguments: StatementArguments, read: @escaping (ColumnValues) throws -> Element) throws {
        _statement = statement
        self.read = read
        try statement.setArguments(arguments)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Element {
        try read(ColumnValues(statement: sqliteStatement))
    }

    /// Every row, the statement stepped to its end (so it holds no read open afterwards).
    static func all(_ statement: Statement, arguments: StatementArguments, read: @escaping (ColumnValues) throws -> Element) throws -> [Element] {
        try Array(ColumnCursor(statement, arguments: arguments, read: read))
    }
}

/// The values of the row a statement is on, by position (0 is the first column).
struct ColumnValues {
    let statement: SQLiteStatement

    func value(_ index: Int) -> DatabaseValue { DatabaseValue(sqliteStatement: statement, index: CInt(index)) }

    func string(_ index: Int) -> String? {
        if case .string(let text) = value(index).storage { return text }
        return nil
    }

    func int(_ index: Int) -> Int? {
        if case .int64(let number) = value(index).storage { return Int(number) }
        return nil
    }

    func bool(_ index: Int) -> Bool { (int(index) ?? 0) != 0 }

    /// A date as GRDB stores it.
    func date(_ index: Int) -> Date? { Date.fromDatabaseValue(value(index)) }
}
