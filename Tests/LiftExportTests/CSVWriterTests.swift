import Foundation
import LiftCore
import Testing

@testable import LiftExport

@Suite struct CSVWriterTests {
    @Test func quotesAndGuardsFields() {
        #expect(CSVWriter.field(.text("a,b")) == "\"a,b\"")
        #expect(CSVWriter.field(.text("say \"hi\"")) == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field(.text("line\nbreak")) == "\"line\nbreak\"")
        #expect(CSVWriter.field(.text("=HYPERLINK(\"x\")")) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVWriter.field(.text("电梯")) == "电梯")
        #expect(CSVWriter.field(.integer(-3)) == "-3")
        #expect(CSVWriter.field(.percent(0.125)) == "12.50%")
        #expect(CSVWriter.field(.day(CivilDate(year: 2026, month: 11, day: 25)!)) == "2026-11-25")
        #expect(CSVWriter.field(.time(ShanghaiTime.parseLocal("2026-11-25 09:05")!)) == "2026-11-25 09:05")
        #expect(CSVWriter.field(.empty) == "")
    }

    /// Full-width signs and signs behind invisible or blank characters are formulas to some
    /// spreadsheets too; each is neutralised like an ASCII one.
    @Test func disguisedFormulasAreNeutralised() {
        for text in ["＝1+1", "＋1", "－1", "＠SUM(A1)", " =1+1", "\u{200B}=HYPERLINK(\"x\")", "\u{FEFF}+1", "\u{3000}@A1", "\u{00A0}-1"] {
            #expect(CSVWriter.guardFormula(text) == "'" + text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for text in ["电梯 = 好", "1-2", "a@b.cn", "正常"] {
            #expect(CSVWriter.guardFormula(text) == text)
        }
    }
}

@Suite struct CSVExportTests {
    @Test func csvHasABOMChineseHeadersAndCRLFRows() async throws {
        let world = try await ExportWorld()
        let url = ExportWorld.temporaryFile("elevators.csv")
        let filter = SupervisedElevatorFilter(scope: SupervisionScope(district: "崇川区"), today: ExportWorld.today)
        let written = try await SupervisionExporter(store: world.database).exportElevators(filter, format: .csv, to: url)
        #expect(written == 4)
        let data = try Data(contentsOf: url)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 5)
        #expect(lines.first == SupervisionTables.elevators().headers.joined(separator: ","))
        #expect(lines.first?.hasPrefix("电梯编号,地址,楼盘名称,行政区划,街道办") == true)
        // The address with quotes and a comma-free text is quoted because of its quotes.
        #expect(lines[1].hasPrefix("N000614,\"崇川区工农路1号 \"\"紫东\"\" <花苑> & 商铺\",紫东花苑,崇川区,文峰街道,江苏坤园物业管理有限公司,南通弘扬电梯安装有限公司,正常,"))
        #expect(lines[2].hasPrefix("N006109,崇川区钟通甲路6号,,崇川区,文峰街道,,南通弘扬电梯安装有限公司,超期,2026-10-31,25,2026-10-16 09:45,半月保,季龙龙,2017-10-28,是"))
        #expect(lines[3].contains(",停用,"))
        #expect(lines[4].contains(",无记录,"))
    }

    @Test func exportsAreReadableByTheirOwnerOnly() async throws {
        let world = try await ExportWorld()
        let filter = SupervisedElevatorFilter(scope: SupervisionScope(district: "崇川区"), today: ExportWorld.today)
        for format in [ExportFormat.csv, .xlsx] {
            let url = ExportWorld.temporaryFile("elevators.\(format.rawValue)")
            _ = try await SupervisionExporter(store: world.database).exportElevators(filter, format: format, to: url)
            let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
            #expect(permissions?.intValue == 0o600, "\(format)")
        }
    }

    @Test func csvHoldsOneTable() throws {
        let writer = try CSVWriter(url: ExportWorld.temporaryFile("x.csv"))
        try writer.beginTable("a", headers: ["x"], widths: [1])
        #expect(throws: ExportError.oneTablePerCSV) { try writer.beginTable("b", headers: ["y"], widths: [1]) }
    }
}
