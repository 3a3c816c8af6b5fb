import Foundation
import LiftCore

/// The monthly bulletin as a workbook or CSV. One table holds the district's row, then each
/// maintenance unit by rank with its score and stars, then each elevator trapped twice or more
/// with its user unit; a workbook adds a sheet with the score's formula.
public enum BulletinExport {
    /// One row of the bulletin's table.
    public struct Row: Sendable {
        public var kind: String
        public var name: String
        public var userUnit: String?
        public var rank: Int?
        public var score: Double?
        public var stars: Int?
        public var figures: BulletinFigures?
        public var traps: Int?
    }

    /// The rows of a bulletin, in order.
    public static func rows(_ bulletin: MonthlyBulletin, language: Language = .zh) -> [Row] {
        let zh = language == .zh
        var rows = [Row(kind: zh ? "区域" : "district", name: bulletin.district, figures: bulletin.figures)]
        rows += bulletin.units.map {
            Row(kind: zh ? "维保单位" : "maintenance unit", name: $0.unit, rank: $0.rank, score: $0.score, stars: $0.stars, figures: $0.figures)
        }
        rows += bulletin.repeatTraps.map {
            Row(kind: zh ? "多次困人电梯" : "trapped twice or more", name: $0.number.description + ($0.address.map { " " + $0 } ?? ""),
                userUnit: $0.userUnit, traps: $0.rescues)
        }
        // The formula is shown with the ranking, in CSV too.
        rows.append(Row(kind: zh ? "评分公式" : "score formula", name: bulletin.scoreFormula))
        return rows
    }

    public static func table(_ bulletin: MonthlyBulletin, language: Language = .zh) -> ExportTable<Row> {
        let zh = language == .zh
        @Sendable func number(_ value: Double?) -> ExportValue { value.map { .number($0) } ?? .empty }
        @Sendable func percent(_ value: Double?) -> ExportValue { value.map { .percent($0) } ?? .empty }
        @Sendable func int(_ value: Int?) -> ExportValue { .integer(value) }
        return ExportTable(sheetName: zh ? "\(bulletin.month)通报" : "Bulletin \(bulletin.month)", columns: [
            ExportColumn(zh ? "类别" : "Kind", width: 12) { .text($0.kind) },
            ExportColumn(zh ? "名称" : "Name", width: 32) { .text($0.name) },
            ExportColumn(zh ? "使用单位" : "User unit", width: 24) { .text($0.userUnit) },
            ExportColumn(zh ? "排名" : "Rank", width: 6) { int($0.rank) },
            ExportColumn(zh ? "得分" : "Score", width: 7) { number($0.score) },
            ExportColumn(zh ? "星级" : "Stars", width: 7) { row in row.stars.map { .text(String(repeating: "★", count: $0)) } ?? .empty },
            ExportColumn(zh ? "困人次数" : "Rescues", width: 8) { int($0.traps ?? $0.figures?.rescues) },
            ExportColumn(zh ? "平均到达(分钟)" : "Avg arrival min", width: 10) { number($0.figures?.averageArrivalMinutes) },
            ExportColumn(zh ? "最长到达(分钟)" : "Longest arrival min", width: 10) { number($0.figures?.longestArrivalMinutes) },
            ExportColumn(zh ? "超时到达" : "Late", width: 8) { int($0.figures?.lateRescues) },
            ExportColumn(zh ? "未验证到达" : "Unverified arrivals", width: 8) { int($0.figures?.unverifiedArrivals) },
            ExportColumn(zh ? "多次困人电梯" : "Repeat-trap elevators", width: 8) { int($0.figures?.repeatTrapElevators) },
            ExportColumn(zh ? "电梯数" : "Elevators", width: 8) { int($0.figures?.elevators) },
            ExportColumn(zh ? "标签覆盖率" : "Label coverage", width: 8) { percent($0.figures?.labelCoverage) },
            ExportColumn(zh ? "应保次数" : "Visits due", width: 8) { int($0.figures?.visitsDue) },
            ExportColumn(zh ? "扫码维保次数" : "Counted visits", width: 8) { int($0.figures?.countedVisits) },
            ExportColumn(zh ? "扫码率" : "Scan rate", width: 8) { percent($0.figures?.scanRate) },
            ExportColumn(zh ? "超期" : "Overdue", width: 6) { int($0.figures?.overdue) },
            ExportColumn(zh ? "超期率" : "Overdue rate", width: 8) { percent($0.figures?.overdueRate) },
            ExportColumn(zh ? "异常记录" : "Abnormal records", width: 8) { int($0.figures?.abnormalRecords) },
            ExportColumn(zh ? "投诉" : "Complaints", width: 6) { int($0.figures?.complaints) },
            ExportColumn(zh ? "已办结投诉" : "Resolved", width: 8) { int($0.figures?.resolvedComplaints) },
            ExportColumn(zh ? "平均办结(小时)" : "Avg resolution h", width: 10) { number($0.figures?.averageResolutionHours) },
        ])
    }

    /// Writes the bulletin to a file.
    public static func write(_ bulletin: MonthlyBulletin, format: ExportFormat, to url: URL, language: Language = .zh) throws {
        let zh = language == .zh
        let formula = ExportTable<String>(sheetName: zh ? "评分公式" : "Score formula", columns: [
            ExportColumn(zh ? "评分公式" : "Score formula", width: 120) { .text($0) }
        ])
        try TableFile.write(
            [
                TableFile.Sheet(table(bulletin, language: language), rows(bulletin, language: language)),
                TableFile.Sheet(formula, [bulletin.scoreFormula, (zh ? "超期统计日：" : "Overdue counted on: ") + bulletin.measuredOn.description]),
            ], format: format, to: url)
    }
}
