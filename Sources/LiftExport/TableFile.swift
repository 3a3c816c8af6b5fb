import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes small, whole tables (rescue orders, the monthly bulletin) to a workbook or CSV: the
/// first table, and in a workbook the further sheets too. Like every export, under a temporary
/// name renamed when complete.
enum TableFile {
    /// One sheet of a workbook: its table and rows, type-erased.
    struct Sheet {
        let name: String
        let headers: [String]
        let widths: [Double]
        let rows: [[ExportValue]]

        init<Row>(_ table: ExportTable<Row>, _ rows: [Row]) {
            name = table.sheetName
            headers = table.headers
            widths = table.widths
            self.rows = rows.map(table.cells)
        }
    }

    /// Writes `sheets` (CSV: the first one only).
    static func write(_ sheets: [Sheet], format: ExportFormat, to url: URL) throws {
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: partial) }
        let writer: any TableWriter = switch format {
        case .xlsx: try XLSXWriter(url: partial)
        case .csv: try CSVWriter(url: partial)
        }
        for sheet in format == .csv ? Array(sheets.prefix(1)) : sheets {
            try writer.beginTable(sheet.name, headers: sheet.headers, widths: sheet.widths)
            for row in sheet.rows { try writer.writeRow(row) }
            try writer.endTable()
        }
        try writer.finish()
        guard rename(partial.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
