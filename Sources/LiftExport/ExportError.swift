/// Why an export could not be written.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A CSV file holds one table.
    case oneTablePerCSV
    /// More rows than a sheet holds.
    case tooManyRows(count: Int, maximum: Int)
    /// A row had another number of cells than the header.
    case wrongCellCount(expected: Int, got: Int)

    public var description: String {
        switch self {
        case .oneTablePerCSV: "a CSV file holds one table"
        case .tooManyRows(let count, let maximum):
            "\(count) rows do not fit in one sheet (at most \(maximum)); narrow the filter or export CSV"
        case .wrongCellCount(let expected, let got): "a row has \(got) cells; the header has \(expected)"
        }
    }
}
