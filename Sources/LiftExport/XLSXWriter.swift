import Foundation
import ZIPFoundation

/// Writes an Office Open XML workbook (.xlsx) that Excel and LibreOffice open: one worksheet per
/// table, a bold frozen header row, text as inline strings, numbers as numbers, and days and
/// times as Excel date serials with a date number format, so they sort and filter as dates.
///
/// Rows stream into each sheet's XML in a temporary folder; `finish` zips the parts (deflate)
/// into the destination. Memory stays flat whatever the row count.
final class XLSXWriter: TableWriter {
    /// Style indexes into `cellXfs` of styles.xml.
    enum Style: Int {
        case plain = 0, header, day, time, percent
    }

    /// An Excel cell holds at most this many characters.
    static let maximumTextLength = 32_767

    private let destination: URL
    private let workDirectory: URL
    private var sheetNames: [String] = []
    private var sheet: BufferedFile?
    private var columnLetters: [String] = []
    private var rowNumber = 0
    /// Where the sheet's `<dimension>` placeholder is, to be filled in when the rows are known.
    private var dimensionOffset: UInt64 = 0
    /// `<dimension ref="A1:XFD1048576"/>` at its longest; the placeholder is padded to this.
    static let dimensionLength = 32

    /// A writer whose `finish` creates the workbook at `url`.
    init(url: URL) throws {
        destination = url
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("liftexport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit {
        try? FileManager.default.removeItem(at: workDirectory)
    }

    func beginTable(_ name: String, headers: [String], widths: [Double]) throws {
        if sheet != nil { try endTable() }
        sheetNames.append(Self.sheetName(name, taken: sheetNames))
        let file = try BufferedFile(creating: workDirectory.appendingPathComponent("sheet\(sheetNames.count).xml"))
        sheet = file
        columnLetters = (0..<headers.count).map(Self.columnLetters)
        rowNumber = 0
        try file.write("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            """)
        // Readers size the sheet from <dimension> (openpyxl pads rows to it); it is written once
        // the row count is known, over this placeholder of the same length.
        dimensionOffset = file.position
        try file.write(Self.dimension("A1"))
        var head = """
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            </sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>
            """
        if !widths.isEmpty {
            head += "<cols>"
            for (index, width) in widths.enumerated() {
                head += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            head += "</cols>"
        }
        head += "<sheetData>"
        try file.write(head)
        try writeRow(headers.map { .text($0) }, style: .header)
    }

    func writeRow(_ cells: [ExportValue]) throws {
        try writeRow(cells, style: nil)
    }

    private func writeRow(_ cells: [ExportValue], style override: Style?) throws {
        guard let file = sheet else { preconditionFailure("writeRow before beginTable") }
        guard cells.count == columnLetters.count else {
            throw ExportError.wrongCellCount(expected: columnLetters.count, got: cells.count)
        }
        rowNumber += 1
        let row = String(rowNumber)
        file.append("<row r=\"")
        file.append(row)
        file.append("\">")
        for (index, cell) in cells.enumerated() {
            let reference = columnLetters[index] + row
            switch cell {
            case .empty:
                continue
            case .text(let text):
                file.append("<c r=\"\(reference)\" t=\"inlineStr\"")
                if let override { file.append(" s=\"\(override.rawValue)\"") }
                let clipped = text.utf16.count > Self.maximumTextLength ? String(text.prefix(Self.maximumTextLength)) : text
                let escaped = Self.escape(clipped)
                let preserve = clipped.first?.isWhitespace == true || clipped.last?.isWhitespace == true
                file.append(preserve ? "><is><t xml:space=\"preserve\">" : "><is><t>")
                file.append(escaped)
                file.append("</t></is></c>")
            case .integer(let number):
                file.append("<c r=\"\(reference)\"><v>\(number)</v></c>")
            case .number(let number):
                guard number.isFinite else { continue }
                file.append("<c r=\"\(reference)\"><v>\(number)</v></c>")
            case .percent(let fraction):
                guard fraction.isFinite else { continue }
                file.append("<c r=\"\(reference)\" s=\"\(Style.percent.rawValue)\"><v>\(fraction)</v></c>")
            case .day, .time:
                let style: Style = if case .day = cell { .day } else { .time }
                file.append("<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(cell.excelSerial ?? 0)</v></c>")
            }
        }
        file.append("</row>")
        try file.flushIfFull()
    }

    /// Data rows written to the current sheet, the header not counted.
    var dataRows: Int { max(rowNumber - 1, 0) }

    func endTable() throws {
        guard let file = sheet else { return }
        try file.write("</sheetData></worksheet>")
        if let last = columnLetters.last, rowNumber > 0 {
            try file.overwrite(at: dimensionOffset, with: Self.dimension("A1:\(last)\(rowNumber)"))
        }
        try file.close()
        sheet = nil
    }

    func finish() throws {
        try endTable()
        if sheetNames.isEmpty { try beginTable("Sheet1", headers: [], widths: []); try endTable() }
        try? FileManager.default.removeItem(at: destination)
        let archive = try Archive(url: destination, accessMode: .create)
        // Exports hold personal data: the owner alone may read the file (it is still empty here).
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: destination.path)
        try add(Self.contentTypes(sheets: sheetNames.count), as: "[Content_Types].xml", to: archive)
        try add(Self.rootRelationships, as: "_rels/.rels", to: archive)
        try add(Self.workbook(sheetNames), as: "xl/workbook.xml", to: archive)
        try add(Self.workbookRelationships(sheets: sheetNames.count), as: "xl/_rels/workbook.xml.rels", to: archive)
        try add(Self.styles, as: "xl/styles.xml", to: archive)
        for index in 1...sheetNames.count {
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index).xml", fileURL: workDirectory.appendingPathComponent("sheet\(index).xml"),
                compressionMethod: .deflate, bufferSize: 1 << 20)
        }
        try? FileManager.default.removeItem(at: workDirectory)
    }

    private func add(_ text: String, as path: String, to archive: Archive) throws {
        let data = Data(text.utf8)
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }

    // MARK: XML

    /// A `<dimension>` element padded with spaces to `dimensionLength`.
    static func dimension(_ reference: String) -> String {
        let element = "<dimension ref=\"\(reference)\"/>"
        return element + String(repeating: " ", count: max(dimensionLength - element.utf8.count, 0))
    }

    /// "A", "B", … "Z", "AA", … for a zero-based column index.
    static func columnLetters(_ index: Int) -> String {
        var index = index + 1
        var letters: [Character] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            index = (index - 1) / 26
        }
        return String(letters)
    }

    /// Escapes text for XML, dropping the control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        let needsWork = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }
        let hasNonCharacters = text.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF }
        guard needsWork || hasNonCharacters else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A valid, unique sheet name: at most 31 characters, none of []:*?/\.
    static func sheetName(_ name: String, taken: [String]) -> String {
        var clean = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        if clean.isEmpty { clean = "Sheet" }
        var candidate = clean
        var counter = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            candidate = String(clean.prefix(28)) + " \(counter)"
            counter += 1
        }
        return candidate
    }

    static func contentTypes(sheets: Int) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for index in 1...max(sheets, 1) {
            text += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return text + "</Types>"
    }

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbook(_ names: [String]) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (index, name) in names.enumerated() {
            text += "<sheet name=\"\(escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return text + "</sheets></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for index in 1...max(sheets, 1) {
            text += "<Relationship Id=\"rId\(index)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        text += "<Relationship Id=\"rId\(max(sheets, 1) + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return text + "</Relationships>"
    }

    /// Cell formats, in `Style` order: plain, bold header, yyyy-mm-dd, yyyy-mm-dd hh:mm, 0.00%.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
