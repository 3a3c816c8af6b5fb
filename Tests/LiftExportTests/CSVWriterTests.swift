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
}
