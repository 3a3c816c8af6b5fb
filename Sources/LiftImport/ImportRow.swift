/// The fields of a row as a parser reads them.
protocol ImportFields {
    associatedtype Column
    /// The field of a column in a row, nil when the column is absent or the field empty.
    func value(_ column: Column, in fields: [String]) -> String?
    /// The column's header and its English meaning, for messages.
    static func label(of column: Column) -> String
}

extension ImportColumnMap: ImportFields {
    static func label(of column: Column) -> String { column.label }
}

extension MaintenanceColumnMap: ImportFields {
    static func label(of column: MaintenanceColumn) -> String { column.label }
}

/// One row of an import file as its parser reads it: fields by column, the messages every
/// importer gives for an empty or too long field, and the row's line on every error.
struct ImportRow<Columns: ImportFields> {
    let fields: [String]
    let columns: Columns
    let line: Int
    /// The longest field `text` and `required` accept unless told otherwise, in characters.
    let limit: Int

    /// The field of a column, nil when the column is absent or the field empty.
    func value(_ column: Columns.Column) -> String? { columns.value(column, in: fields) }

    /// An error about this row.
    func fail(_ message: String) -> ImportError { ImportError(line: line, message: message) }

    /// The field of a column, nil when absent or empty; longer than `limit` is an error.
    func text(_ column: Columns.Column, limit: Int? = nil) throws -> String? {
        guard let value = value(column) else { return nil }
        let limit = limit ?? self.limit
        guard value.unicodeScalars.count <= limit else { throw fail("\(Columns.label(of: column)) is longer than \(limit) characters") }
        return value
    }

    /// The field of a column, which must be there.
    func required(_ column: Columns.Column, limit: Int? = nil) throws -> String {
        guard let value = try text(column, limit: limit) else { throw fail("\(Columns.label(of: column)) is empty") }
        return value
    }

    /// Hands what the row made to the caller's `each`, reporting an error it throws (an unknown
    /// elevator or unit) with this row's line.
    func handing<Value, Outcome>(_ value: Value, to each: (Value) throws -> Outcome) throws -> Outcome {
        do {
            return try each(value)
        } catch let error as ImportError {
            throw error
        } catch {
            throw fail(String(describing: error))
        }
    }
}
