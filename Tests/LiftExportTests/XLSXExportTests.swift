import Foundation
import LiftCore
import LiftStore
import Testing
import ZIPFoundation

@testable import LiftExport

@Suite struct XLSXExportTests {
    /// A synthetic record; every third has no street, every tenth is a late upload.
    static func record(_ index: Int) -> SupervisedRecord {
        let start = ShanghaiTime.parseLocal("2026-11-01 08:00")!.addingTimeInterval(TimeInterval(index * 60))
        return SupervisedRecord(
            id: Int64(index), number: NNumber(value: index % 999_999 + 1)!, district: "崇川区", street: index % 3 == 0 ? nil : "文峰街道",
            address: "崇川区工农路\(index)号", type: MaintenanceType.allCases[index % 4], startedAt: start,
            endedAt: start.addingTimeInterval(45 * 60), uploadedAt: start.addingTimeInterval(50 * 60), workerLogin: "W0101",
            workerName: "陈建章", maintenanceUnit: "南通弘扬电梯安装有限公司", status: .passed,
            abnormal: index % 10 == 0 ? .lateUpload : nil, verification: .genuine)
    }

    /// openpyxl's ISO text for a Shanghai wall-clock minute.
    static func iso(_ date: Date) -> String {
        ShanghaiTime.format(date).replacingOccurrences(of: " ", with: "T") + ":00"
    }

    @Test func aHundredThousandRecordsReadBackWithTheirTypes() async throws {
        let url = ExportWorld.temporaryFile("records.xlsx")
        let exporter = SupervisionExporter(store: try AppDatabase.inMemory())
        let table = SupervisionTables.records()
        let started = Date()
        let written = try await exporter.export(table, format: .xlsx, to: url, summary: nil, progress: nil) { each in
            for index in 1...100_000 { try each(Self.record(index)) }
        }
        let seconds = Date().timeIntervalSince(started)
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        print(String(format: "100,000-record xlsx written in %.2f s (debug build), %.1f MB", seconds, Double(size) / 1e6))
        #expect(written == 100_000)

        let report = try await SpreadsheetReader.read(url, rows: [50_000, 100_000])
        #expect(report.sheets == ["维保记录"])
        let sheet = try #require(report.tables.first)
        #expect(sheet.header == table.headers)
        #expect(sheet.header.first == "记录编号")
        #expect(sheet.rows == 100_000)
        // Numbers are ints, the three times are datetimes, texts are str; a missing street or
        // abnormal type is an empty cell.
        let row = "int,str,str,%@,str,str,datetime,datetime,datetime,int,str,str,str,str,%@"
        let expected = [
            String(format: row, "str", "NoneType"): 100_000 - 33_333 - 10_000 + 3_333,
            String(format: row, "NoneType", "NoneType"): 33_333 - 3_333,
            String(format: row, "str", "str"): 10_000 - 3_333,
            String(format: row, "NoneType", "str"): 3_333,
        ]
        #expect(sheet.types == expected)
        for index in [1, 50_000, 100_000] {
            let record = Self.record(index)
            let cells = try #require(sheet.shown[String(index)])
            try #require(cells.count == table.columns.count, "row \(index) padded to the sheet's dimension")
            #expect(cells[0] == .number(Double(index)))
            #expect(cells[1] == .text(record.number.description))
            #expect(cells[5] == .text(record.type.chineseName))
            #expect(cells[6] == .text(Self.iso(record.startedAt)), "row \(index) start")
            #expect(cells[7] == .text(Self.iso(record.endedAt)))
            #expect(cells[9] == .number(45))
            #expect(cells[13] == .text("通过"))
            #expect(cells[14] == (index % 10 == 0 ? .text("超时上传") : .null))
        }
    }

    @Test func aStoreExportHasItsRowsAndASummarySheet() async throws {
        let world = try await ExportWorld()
        let url = ExportWorld.temporaryFile("records.xlsx")
        let scope = SupervisionScope(district: "崇川区")
        let filter = SupervisedRecordFilter(scope: scope)
        let summary = SupervisionExporter.SummarySheet(scope: scope, day: ExportWorld.today, now: ExportWorld.now)
        let written = try await SupervisionExporter(store: world.database).exportRecords(filter, format: .xlsx, to: url, summary: summary)
        #expect(written == 6)
        let report = try await SpreadsheetReader.read(url)
        #expect(report.sheets == ["维保记录", "汇总"])
        let records = try #require(report.tables.first)
        #expect(records.rows == 6)
        #expect(records.shown["1"]?[1] == .text("N000614") || records.shown["1"]?[1] == .text("N006109"))
        #expect(records.shown.values.allSatisfy { $0[2] == .text("崇川区") })
        let totals = try #require(report.tables.last)
        #expect(totals.header.compactMap { $0 } == SupervisionTables.summary().headers)
        #expect(totals.types == ["datetime,str,NoneType,int,int,int,float,int,int,int,int": 1])
        let cells = try #require(totals.shown["1"])
        #expect(cells[0] == .text("2026-11-25T00:00:00"))
        #expect(Array(cells[3...]) == [.number(4), .number(1), .number(1), .number(1.0 / 3.0), .number(1), .number(2), .number(0), .number(0)])
    }

    @Test func thePackageHoldsTheOfficeParts() async throws {
        let url = ExportWorld.temporaryFile("parts.xlsx")
        let writer = try XLSXWriter(url: url)
        try writer.beginTable("电梯[1]", headers: ["文本", "日期"], widths: [10, 12])
        try writer.writeRow([.text("<&> \"q\" \u{1}bell"), .day(CivilDate(year: 1970, month: 1, day: 1)!)])
        try writer.endTable()
        try writer.finish()
        let archive = try Archive(url: url, accessMode: .read)
        let paths = Set(archive.map(\.path))
        #expect(paths == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
        func text(_ path: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try #require(archive[path])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try text("xl/styles.xml").contains("formatCode=\"yyyy-mm-dd\""))
        #expect(try text("xl/workbook.xml").contains("<sheet name=\"电梯1\""))
        let sheet = try text("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<dimension ref=\"A1:B2\"/>"), "the dimension filled in over its placeholder")
        #expect(sheet.contains("<t>&lt;&amp;&gt; &quot;q&quot; bell</t>"), "escaped, control character dropped")
        #expect(sheet.contains("<c r=\"B2\" s=\"2\"><v>25569.0</v></c>"), "1970-01-01 is Excel day 25569")
        let report = try await SpreadsheetReader.read(url)
        #expect(report.tables.first?.shown["1"] == [.text("<&> \"q\" bell"), .text("1970-01-01T00:00:00")])
    }

    @Test func aFailedExportLeavesNoFile() async throws {
        struct Broken: Error {}
        let url = ExportWorld.temporaryFile("broken.xlsx")
        let exporter = SupervisionExporter(store: try AppDatabase.inMemory())
        await #expect(throws: Broken.self) {
            try await exporter.export(SupervisionTables.records(), format: .xlsx, to: url, summary: nil, progress: nil) { each in
                try each(Self.record(1))
                throw Broken()
            }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(left.isEmpty, "no file and no partial file: \(left)")
    }

    @Test func columnLettersAndSheetNames() {
        #expect(XLSXWriter.columnLetters(0) == "A")
        #expect(XLSXWriter.columnLetters(25) == "Z")
        #expect(XLSXWriter.columnLetters(26) == "AA")
        #expect(XLSXWriter.columnLetters(701) == "ZZ")
        #expect(XLSXWriter.columnLetters(702) == "AAA")
        #expect(XLSXWriter.sheetName("a/b", taken: []) == "ab")
        #expect(XLSXWriter.sheetName("汇总", taken: ["汇总"]) == "汇总 2")
        #expect(XLSXWriter.sheetName(String(repeating: "x", count: 40), taken: []).count == 31)
    }
}
