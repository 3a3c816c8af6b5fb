import Foundation
import LiftCore

/// Writes one table as RFC 4180 CSV: UTF-8 with a byte-order mark (without it Excel reads the
/// Chinese as mojibake), CRLF line ends, fields quoted when they hold a comma, quote or line break.
///
/// Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR: complaint
/// texts come from the public) is prefixed with an apostrophe, as OWASP advises for CSV injection.
final class CSVWriter: TableWriter {
    private let file: BufferedFile
    private var tables = 0

    init(url: URL) throws {
        file = try BufferedFile(creating: url)
        try file.write(bytes: [0xEF, 0xBB, 0xBF])
    }

    func beginTable(_ name: String, headers: [String], widths: [Double]) throws {
        tables += 1
        guard tables == 1 else { throw ExportError.oneTablePerCSV }
        try writeRow(headers.map { .text($0) })
    }

    func writeRow(_ cells: [ExportValue]) throws {
        for (index, cell) in cells.enumerated() {
            if index > 0 { file.append(UInt8(ascii: ",")) }
            file.append(Self.field(cell))
        }
        file.append("\r\n")
        try file.flushIfFull()
    }

    func endTable() throws {}

    func finish() throws { try file.close() }

    /// The CSV text of one cell.
    static func field(_ value: ExportValue) -> String {
        switch value {
        case .text(let text): quote(guardFormula(text))
        case .integer(let number): String(number)
        case .number(let number): number.isFinite ? String(number) : ""
        case .percent(let fraction): fraction.isFinite ? String(format: "%.2f%%", fraction * 100) : ""
        case .day(let day): day.description
        case .time(let date): ShanghaiTime.format(date)
        case .empty: ""
        }
    }

    static func guardFormula(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    static func quote(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
