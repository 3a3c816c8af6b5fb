import Foundation

/// Reads a table, CSV or XLSX, row by row: a header row, then data rows with their line numbers.
public struct TableReader {
    /// The file's header row, trimmed, without a byte-order mark.
    public let header: [String]
    /// Data rows expected (for a progress bar); an estimate for CSV files with quoted line breaks.
    public let estimatedRowCount: Int
    private let nextRow: () throws -> [String]?
    private var line = 1

    /// Opens a CSV (UTF-8) or XLSX file, chosen by its extension.
    public init(url: URL) throws {
        switch url.pathExtension.lowercased() {
        case "csv", "txt":
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw ImportError(line: 0, message: "cannot read \(url.path)")
            }
            let reader = try CSVRowReader(url: url)
            guard let header = try reader.next(line: 1) else { throw ImportError(line: 1, message: "the file is empty: no header row") }
            self.header = Self.clean(header)
            self.estimatedRowCount = max(0, try Self.countLines(url) - 1)
            var line = 1
            self.nextRow = {
                line += 1
                return try reader.next(line: line)
            }
        case "xlsx":
            var sheet = try XLSXSheetReader(url: url)
            guard let header = sheet.nextRow() else { throw ImportError(line: 1, message: "the workbook's first sheet is empty") }
            self.header = Self.clean(header)
            self.estimatedRowCount = sheet.rowCount - 1
            self.nextRow = { sheet.nextRow() }
        default:
            throw ImportError(line: 0, message: "\(url.lastPathComponent): expected a .csv or .xlsx file")
        }
    }

    /// The next data row and its line number, or nil at the end.
    public mutating func next() throws -> (line: Int, fields: [String])? {
        while let row = try nextRow() {
            line += 1
            if row.allSatisfy({ $0.isEmpty }) { continue }
            return (line, row.map(Self.trim))
        }
        return nil
    }

    /// White space found around fields in registry exports, including the ideographic space.
    static let spaces: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", "\u{3000}", "\u{A0}", "\u{FEFF}"]

    /// The field without surrounding white space; most fields have none, so check before copying.
    static func trim(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last,
            spaces.contains(first) || spaces.contains(last)
        else { return field }
        return field.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func clean(_ header: [String]) -> [String] {
        header.enumerated().map { index, name in
            var name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if index == 0, name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            return name
        }
    }

    /// Counts line breaks without decoding the file.
    static func countLines(_ url: URL) throws -> Int {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return 0 }
        defer { try? handle.close() }
        var count = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in
                for byte in bytes where byte == UInt8(ascii: "\n") { count += 1 }
            }
        }
        return count
    }
}
