import PostgresNIO

/// A statement prepared once on each connection that reads rows about one elevator, given its
/// number as `$1`; its rows are read by column name.
protocol ElevatorNumberStatement: PostgresPreparedStatement where Row == RowReader {
    /// The elevator's number (its N-number's value).
    var number: Int { get }
}

extension ElevatorNumberStatement {
    static var bindingDataTypes: [PostgresDataType] { [.int8] }

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(number)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> RowReader {
        RowReader(row)
    }
}
