import Foundation
import LiftCore
import LiftExport
import Testing

/// The monthly bulletin and the rescue list as files, read back by openpyxl: typed cells, the
/// ranking in order, the formula beside it, no phone numbers.
@Suite struct BulletinExportTests {
    static let reported = ShanghaiTime.startOfDay(CivilDate(year: 2026, month: 11, day: 10)!).addingTimeInterval(9 * 3600)

    static func order(_ number: Int, unit: String, arrival: Double?, check: ArrivalCheck = .verified) throws -> RescueOrder {
        var order = RescueOrder(
            id: "R\(number)", number: NNumber(value: number)!, district: "崇川区", maintenanceUnit: unit, userUnit: "物业\(number)",
            source: .phone, reportVerification: .unverified, callerPhone: "13900001111", reportedAt: reported, deadlines: .standard)
        order = try order.applying(.dispatch(unit: unit), at: reported)
        order = try order.applying(.accept(rescuer: "陈建章", phone: "13912345678"), at: reported.addingTimeInterval(60))
        if let arrival { order = try order.applying(.arrive(check), at: reported.addingTimeInterval(arrival * 60)) }
        return order
    }

    static func bulletin() throws -> MonthlyBulletin {
        MonthlyBulletin(BulletinFacts(
            district: "崇川区", month: CivilMonth(year: 2026, month: 11)!, measuredOn: CivilDate(year: 2026, month: 11, day: 30)!,
            rescues: [try order(614, unit: "甲", arrival: 12), try order(614, unit: "甲", arrival: 45, check: .typedNumber), try order(700, unit: "乙", arrival: 8)],
            units: [
                BulletinUnitCounts(unit: "甲", elevators: 2, inService: 2, labelled: 1, countedVisits: 3, overdue: 1, records: 4, abnormalRecords: 1),
                BulletinUnitCounts(unit: "乙", elevators: 1, inService: 1, labelled: 1, countedVisits: 2, overdue: 0, records: 2, abnormalRecords: 0),
            ],
            complaints: []))
    }

    @Test func theBulletinWorkbook() async throws {
        let url = ExportWorld.temporaryFile("bulletin.xlsx")
        try BulletinExport.write(try Self.bulletin(), format: .xlsx, to: url)
        let report = try await SpreadsheetReader.read(url)
        #expect(report.sheets == ["2026-11通报", "评分公式"])
        let table = try #require(report.tables.first)
        #expect(table.header.prefix(7) == ["类别", "名称", "使用单位", "排名", "得分", "星级", "困人次数"])
        // District, two units, one repeat-trap elevator, the formula.
        #expect(table.rows == 5)
        #expect(table.shown["1"]?.prefix(2) == [.text("区域"), .text("崇川区")])
        #expect(table.shown["1"]?[6] == .number(3), "three rescues, as a number")
        #expect(table.shown["2"]?.prefix(6) == [.text("维保单位"), .text("乙"), .null, .number(1), .number(100), .text("★★★★★")])
        #expect(table.shown["3"]?[1] == .text("甲") && table.shown["3"]?[3] == .number(2))
        let formula = try #require(report.tables.last?.shown["1"]?.first)
        #expect(formula.description.contains("30×救援按时率"))
    }

    @Test func theRescueListCarriesNoPhone() throws {
        let url = ExportWorld.temporaryFile("rescues.csv")
        let orders = [try Self.order(614, unit: "甲", arrival: 45, check: .typedNumber)]
        try RescueExport.write(orders, now: Self.reported.addingTimeInterval(3600), format: .csv, to: url)
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        #expect(text.contains("R614") && text.contains("陈建章") && text.contains("未验证：手动输入编号"))
        #expect(!text.contains("13900001111") && !text.contains("13912345678"))
        let row = try #require(text.split(separator: "\r\n").dropFirst().first)
        #expect(row.contains(",是,否,"), "late, not escalated")
    }
}
