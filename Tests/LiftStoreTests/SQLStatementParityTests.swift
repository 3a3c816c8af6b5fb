@testable import LiftPostgres
import PostgresNIO
import Testing

/// `SQLStatement.append(_:_:)` scans the fragment's bytes: it must build the SQL and the bindings
/// the earlier search by `Character` built, whatever the fragment and the values hold.
@Suite struct SQLStatementParityTests {
    /// The earlier reading, kept here to compare with: each value replaces the first "?" left.
    static func earlier(_ fragment: String, _ values: [(any PostgresNonThrowingEncodable)?]) -> (sql: String, bindings: PostgresBindings) {
        var bindings = PostgresBindings()
        func add<Value: PostgresNonThrowingEncodable>(_ value: Value) { bindings.append(value) }
        var text = fragment
        for value in values {
            guard let mark = text.firstIndex(of: "?") else { break }
            if let value { add(value) } else { bindings.appendNull() }
            text.replaceSubrange(mark...mark, with: "$\(bindings.count)")
        }
        return (text, bindings)
    }

    static func expectSame(_ statement: SQLStatement, _ fragment: String, _ values: [(any PostgresNonThrowingEncodable)?], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = earlier(fragment, values)
        #expect(statement.sql == expected.sql, sourceLocation: sourceLocation)
        #expect(statement.bindings == expected.bindings, sourceLocation: sourceLocation)
    }

    @Test func everyFragmentReadsAsBefore() {
        var a = SQLStatement()
        a.append("名 = ? AND 街道 <> '崇川?区' AND ?", "崇川区", 7)
        Self.expectSame(a, "名 = ? AND 街道 <> '崇川?区' AND ?", ["崇川区", 7])

        var b = SQLStatement()
        b.append("? ? ? ?", "?", "$1")
        Self.expectSame(b, "? ? ? ?", ["?", "$1"])

        var c = SQLStatement()
        c.append("(?)", 1, 2, 3)
        Self.expectSame(c, "(?)", [1, 2, 3])

        var d = SQLStatement()
        d.append("??", nil, "x")
        Self.expectSame(d, "??", [nil, "x"])

        var e = SQLStatement()
        e.append("?")
        Self.expectSame(e, "?", [])

        var f = SQLStatement()
        f.append("", 1)
        Self.expectSame(f, "", [1])

        var g = SQLStatement()
        g.append("é?😀?", "😀", [614, 615])
        Self.expectSame(g, "é?😀?", ["😀", [614, 615]])
    }

    @Test func appendsContinueTheNumbering() {
        var statement = SQLStatement("SELECT 1 WHERE ")
        statement.append("a = ? AND ", "x")
        statement.append("b = ? AND c = ?", nil, 2)
        #expect(statement.sql == "SELECT 1 WHERE a = $1 AND b = $2 AND c = $3")
        var expected = PostgresBindings()
        expected.append("x")
        expected.appendNull()
        expected.append(2)
        #expect(statement.bindings == expected)
    }
}
