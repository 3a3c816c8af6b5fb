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

    /// Prefixes an apostrophe to text a spreadsheet could run as a formula: one starting with
    /// = + - @ (or their full-width forms ＝＋－＠, which some spreadsheets take as the same), tab
    /// or CR, also when spaces or invisible characters (zero-width, BOM) stand before the sign.
    static func guardFormula(_ text: String) -> String {
        let lead = text.unicodeScalars.first { !ignorableLeading.contains($0) }
        if let first = text.unicodeScalars.first, first == "\t" || first == "\r" { return "'" + text }
        guard let lead, formulaSigns.contains(lead) else { return text }
        return "'" + text
    }

    static let formulaSigns: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
    /// Characters a reader may not see, or may skip, before a formula sign.
    static let ignorableLeading: Set<Unicode.Scalar> = [
        " ", "\t", "\r", "\n", "\u{00A0}", "\u{3000}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}",
    ]

    static func quote(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
