import Foundation
import NIOCore
import PostgresNIO

/// One result row, read by column name. Names are written as in the schema (camelCase) and
/// folded to lower case, as PostgreSQL stores unquoted identifiers.
struct RowReader {
    private let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    func callAsFunction<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try row[column.lowercased()].decode(Value.self)
    }

    /// The first column, nil when NULL.
    func firstColumn<Value: PostgresDecodable>(_ type: Value.Type) throws -> Value? where Value._DecodableType == Value {
        try row[0].decode(Value?.self)
    }

    /// A bytea column as Data.
    func data(_ column: String) throws -> Data? {
        try (self(column) as ByteBuffer?).map { Data($0.readableBytesView) }
    }
}

extension PostgresRowSequence {
    /// Every row, each read through a `RowReader`.
    func readers() async throws -> [RowReader] {
        var rows: [RowReader] = []
        for try await row in self { rows.append(RowReader(row)) }
        return rows
    }

    /// The first row, if any (the rest are read and dropped).
    func first() async throws -> RowReader? {
        var first: RowReader?
        for try await row in self where first == nil { first = RowReader(row) }
        return first
    }

    /// The first column of the first row.
    func scalar<Value: PostgresDecodable>(_ type: Value.Type = Value.self) async throws -> Value? where Value._DecodableType == Value {
        var value: Value?
        var seen = false
        for try await row in self where !seen {
            seen = true
            value = try row.makeRandomAccess()[0].decode(Value?.self)
        }
        return value
    }
}
