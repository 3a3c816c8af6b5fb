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
    mutating func append(_ fragment: StaticString, _ values: (any PostgresNonThrowingEncodable)?...) {
        var text = "\(fragment)"
        for value in values {
            guard let mark = text.firstIndex(of: "?") else { break }
            if let value { add(value) } else { bindings.appendNull() }
            text.replaceSubrange(mark...mark, with: "$\(bindings.count)")
        }
        sql += text
    }

    private mutating func add<Value: PostgresNonThrowingEncodable>(_ value: Value) {
        bindings.append(value)
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
