import CSV
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
            guard FileManager.default.isReadableFile(atPath: url.path), let stream = InputStream(url: url) else {
                throw ImportError(line: 0, message: "cannot read \(url.path)")
            }
            let reader: CSVReader
            do {
                reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: true)
            } catch {
                throw ImportError(line: 1, message: "not a CSV file: \(error)")
            }
            guard let header = reader.headerRow else { throw ImportError(line: 1, message: "the file is empty: no header row") }
            self.header = Self.clean(header)
            self.estimatedRowCount = max(0, try Self.countLines(url) - 1)
            self.nextRow = {
                let row = reader.next()
                // CSV.swift reports the end of the stream as cannotReadFile; anything else is real.
                if row == nil, let error = reader.error, !Self.isEndOfStream(error) {
                    throw ImportError(line: 0, message: "not valid UTF-8 CSV: \(error)")
                }
                return row
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
            return (line, row.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        }
        return nil
    }

    static func isEndOfStream(_ error: any Error) -> Bool {
        if case CSVError.cannotReadFile = error { return true }
        return false
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
