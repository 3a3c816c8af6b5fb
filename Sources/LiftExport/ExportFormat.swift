/// The file formats an export is written in.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// An Office Open XML workbook: typed cells, a Chinese header row, a summary sheet.
    case xlsx
    /// RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel reads the Chinese.
    case csv

    /// The HTTP media type.
    public var contentType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// The file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// The most data rows one sheet holds (Excel's 1,048,576 rows less the header); CSV has no limit.
    public var maximumRows: Int? {
        switch self {
        case .xlsx: 1_048_575
        case .csv: nil
        }
    }
}
