@testable import LiftPostgres
import Testing

/// A statement's values go to the server as numbered parameters, in order, never into its text.
@Suite struct SQLStatementTests {
    @Test func eachMarkBecomesTheNextParameter() {
        var statement = SQLStatement("SELECT * FROM complaint WHERE true")
        statement.append(" AND district = ? AND text <> '名' AND state = ?", "崇川区", nil)
        statement.append(" AND number = ANY(?)", [614, 615])
        statement.append(" LIMIT 5")
        #expect(statement.sql == "SELECT * FROM complaint WHERE true AND district = $1 AND text <> '名' AND state = $2 AND number = ANY($3) LIMIT 5")
        #expect(statement.bindings.count == 3)
    }

    @Test func aValueIsNeverSpliced() {
        var statement = SQLStatement()
        statement.append("(?, ?)", "x'); DROP TABLE complaint; --", "?")
        #expect(statement.sql == "($1, $2)", "a value holding a quote or a mark stays a parameter")
        #expect(statement.bindings.count == 2)
    }
}
