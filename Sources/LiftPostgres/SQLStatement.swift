import PostgresNIO

/// A statement assembled from constant SQL fragments and bound values: each value goes to the
/// server as a parameter (`$1`, `$2`…), never into the SQL text, so a filter built from a request
/// cannot change the statement.
struct SQLStatement: Sendable {
    private(set) var sql: String
    private(set) var bindings = PostgresBindings()

    init(_ sql: StaticString = "") {
        self.sql = "\(sql)"
    }

    /// Appends constant SQL (never text from input).
    mutating func append(_ fragment: StaticString) {
        sql += "\(fragment)"
    }

    /// Appends constant SQL chosen among constants by the caller (a column list, an ORDER BY).
    mutating func append(constant fragment: String) {
        sql += fragment
    }

    /// Binds a value and returns its placeholder.
    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Appends `fragment` with each `?` replaced by the next of `values`' placeholders.
    ///
    /// Scans the fragment's bytes: a complaint batch appends a row of seventeen values per
    /// complaint, and searching a `String` by `Character` took a twentieth of a server's time.
    mutating func append(_ fragment: StaticString, _ values: (any PostgresNonThrowingEncodable)?...) {
        var pending = values[...]
        fragment.withUTF8Buffer { bytes in
            var copied = 0
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "?") {
                guard let value = pending.popFirst() else { break }
                sql += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied..<offset]), as: UTF8.self)
                if let value { add(value) } else { bindings.appendNull() }
                sql += "$"
                sql += String(bindings.count)
                copied = offset + 1
            }
            sql += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied...]), as: UTF8.self)
        }
    }

    private mutating func add<Value: PostgresNonThrowingEncodable>(_ value: Value) {
        bindings.append(value)
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
