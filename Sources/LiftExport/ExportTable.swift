/// A table an export writes: a sheet name and its columns, each a header and how to read its
/// cell from a row.
public struct ExportTable<Row>: Sendable {
    public let sheetName: String
    public let columns: [ExportColumn<Row>]

    public init(sheetName: String, columns: [ExportColumn<Row>]) {
        self.sheetName = sheetName
        self.columns = columns
    }

    public var headers: [String] { columns.map(\.header) }
    public var widths: [Double] { columns.map(\.width) }

    /// The cells of one row, in column order.
    public func cells(_ row: Row) -> [ExportValue] { columns.map { $0.value(row) } }
}

/// One column of an export table.
public struct ExportColumn<Row>: Sendable {
    public let header: String
    /// The column's width in characters, for workbooks.
    public let width: Double
    public let value: @Sendable (Row) -> ExportValue

    public init(_ header: String, width: Double = 12, _ value: @escaping @Sendable (Row) -> ExportValue) {
        self.header = header
        self.width = width
        self.value = value
    }
}
