import Foundation
import XMLCoder
import ZIPFoundation

/// Reads the first worksheet of an Office Open XML workbook as rows of text.
///
/// Shared and inline strings become their text; numbers stay as written, except that a number in
/// a date-formatted cell becomes a yyyy-mm-dd date.
struct XLSXSheetReader {
    private var rows: [[String]]
    private var index = 0

    var rowCount: Int { rows.count }

    init(url: URL) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ImportError(line: 0, message: "\(url.lastPathComponent) is not an .xlsx workbook (not a zip archive)")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        }
        let decoder = XMLDecoder()
        decoder.shouldProcessNamespaces = true
        decoder.trimValueWhitespaces = false
        let sharedStrings = try part("xl/sharedStrings.xml").map { try decoder.decode(SharedStrings.self, from: $0).items.map(\.text) } ?? []
        let styles = try part("xl/styles.xml").map { try decoder.decode(Styles.self, from: $0) }
        let dateStyles = styles?.dateStyleIndexes ?? []
        let timeStyles = styles?.timeStyleIndexes ?? []
        guard let sheetData = try part(Self.firstSheetPath(archive)) else {
            throw ImportError(line: 0, message: "\(url.lastPathComponent) has no worksheet")
        }
        let sheet: Worksheet
        do {
            sheet = try decoder.decode(Worksheet.self, from: sheetData)
        } catch {
            throw ImportError(line: 0, message: "\(url.lastPathComponent): the worksheet cannot be read (\(error))")
        }
        var rows: [[String]] = []
        var expectedRow = 1
        for row in sheet.sheetData.rows {
            let number = row.r ?? expectedRow
            while expectedRow < number {  // rows the file leaves out are empty
                rows.append([])
                expectedRow += 1
            }
            var fields: [String] = []
            for (position, cell) in row.cells.enumerated() {
                let column = cell.r.flatMap(Self.columnIndex(of:)) ?? position
                while fields.count < column { fields.append("") }
                fields.append(Self.text(of: cell, sharedStrings: sharedStrings, dateStyles: dateStyles, timeStyles: timeStyles))
            }
            rows.append(fields)
            expectedRow = number + 1
        }
        self.rows = rows
    }

    mutating func nextRow() -> [String]? {
        guard index < rows.count else { return nil }
        defer { index += 1 }
        return rows[index]
    }

    static func firstSheetPath(_ archive: Archive) -> String {
        if archive["xl/worksheets/sheet1.xml"] != nil { return "xl/worksheets/sheet1.xml" }
        return archive.map(\.path).filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }.sorted().first
            ?? "xl/worksheets/sheet1.xml"
    }

    /// "C7" → 2.
    static func columnIndex(of reference: String) -> Int? {
        var index = 0
        var sawLetter = false
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            sawLetter = true
        }
        return sawLetter ? index - 1 : nil
    }

    /// - Parameter timeStyles: date styles that also show the time of day; their cells keep it
    ///   ("2019-06-27 09:29", as maintenance records need).
    static func text(of cell: Cell, sharedStrings: [String], dateStyles: Set<Int>, timeStyles: Set<Int> = []) -> String {
        switch cell.t {
        case "s":
            guard let value = cell.v, let index = Int(value), sharedStrings.indices.contains(index) else { return "" }
            return sharedStrings[index]
        case "inlineStr":
            return cell.inlineString?.text ?? ""
        case "str", "b", "e":
            return cell.v ?? ""
        default:
            guard let value = cell.v else { return "" }
            if let style = cell.s, dateStyles.contains(style), let serial = Double(value) {
                return timeStyles.contains(style) ? excelDateTime(serial) : excelDate(serial)
            }
            if let number = Double(value), number == number.rounded(), abs(number) < 1e15 {
                return String(Int64(number))
            }
            return value
        }
    }

    /// Excel's day serial with its time of day as "yyyy-mm-dd HH:mm", or "yyyy-mm-dd HH:mm:ss"
    /// when it has seconds (wall-clock time, as the workbook shows it).
    static func excelDateTime(_ serial: Double) -> String {
        let day = serial.rounded(.down)
        let seconds = Int(((serial - day) * 86_400).rounded())
        let (extraDay, inDay) = (seconds / 86_400, seconds % 86_400)
        let clock = String(format: "%02d:%02d", inDay / 3600, inDay % 3600 / 60) + (inDay % 60 == 0 ? "" : String(format: ":%02d", inDay % 60))
        return excelDate(day + Double(extraDay)) + " " + clock
    }

    /// Excel's day serial (1900 date system, day 0 = 1899-12-30) as yyyy-mm-dd.
    static func excelDate(_ serial: Double) -> String {
        let days = Int(serial.rounded(.down)) - 25_569  // 1899-12-30 → 1970-01-01
        let date = Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

// The parts of SpreadsheetML the reader needs.

struct RichText: Decodable {
    struct Run: Decodable { let t: String? }
    let t: String?
    let r: [Run]?

    var text: String { t ?? (r ?? []).compactMap(\.t).joined() }
}

struct SharedStrings: Decodable {
    let items: [RichText]
    enum CodingKeys: String, CodingKey { case items = "si" }
}

struct Cell: Decodable {
    let r: String?
    let t: String?
    let s: Int?
    let v: String?
    let inlineString: RichText?
    enum CodingKeys: String, CodingKey {
        case r, t, s, v
        case inlineString = "is"
    }
}

struct Worksheet: Decodable {
    struct SheetData: Decodable {
        let rows: [Row]
        enum CodingKeys: String, CodingKey { case rows = "row" }
    }
    struct Row: Decodable {
        let r: Int?
        let cells: [Cell]
        enum CodingKeys: String, CodingKey {
            case r
            case cells = "c"
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            r = try container.decodeIfPresent(Int.self, forKey: .r)
            cells = try container.decodeIfPresent([Cell].self, forKey: .cells) ?? []
        }
    }
    let sheetData: SheetData
}

struct Styles: Decodable {
    struct NumberFormat: Decodable {
        let numFmtId: Int
        let formatCode: String
    }
    struct NumberFormats: Decodable {
        let numFmt: [NumberFormat]?
    }
    struct CellFormat: Decodable {
        let numFmtId: Int?
    }
    struct CellFormats: Decodable {
        let xf: [CellFormat]?
    }
    let numFmts: NumberFormats?
    let cellXfs: CellFormats?

    /// Indexes of date formats that also show the time of day (built-in 22 "m/d/yy h:mm", custom
    /// date formats with hours).
    var timeStyleIndexes: Set<Int> {
        let customTimes = Set((numFmts?.numFmt ?? []).filter { $0.formatCode.lowercased().contains("h") }.map(\.numFmtId))
        var indexes = Set<Int>()
        for (index, format) in (cellXfs?.xf ?? []).enumerated() {
            guard let id = format.numFmtId else { continue }
            if id == 22 || customTimes.contains(id) { indexes.insert(index) }
        }
        return indexes.intersection(dateStyleIndexes)
    }

    /// Indexes of cell formats that show dates (built-in formats 14-22 and custom ones with y/m/d).
    var dateStyleIndexes: Set<Int> {
        let customDates = Set((numFmts?.numFmt ?? []).filter { format in
            let code = format.formatCode.lowercased()
            return code.contains("y") || code.contains("d") && !code.contains("0.")
        }.map(\.numFmtId))
        var indexes = Set<Int>()
        for (index, format) in (cellXfs?.xf ?? []).enumerated() {
            guard let id = format.numFmtId else { continue }
            if (14...22).contains(id) || (27...36).contains(id) || (50...58).contains(id) || customDates.contains(id) {
                indexes.insert(index)
            }
        }
        return indexes
    }
}
