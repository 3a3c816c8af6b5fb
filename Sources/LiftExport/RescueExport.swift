import Foundation
import LiftCore

/// Rescue orders as a workbook or CSV (救援记录): clocks, arrival proof, late and escalated marks.
/// No caller's or rescuer's phone: exports travel.
public enum RescueExport {
    /// The table of orders, with elapsed minutes measured at `now` for orders still waiting.
    public static func table(_ language: Language = .zh, now: Date) -> ExportTable<RescueOrder> {
        let zh = language == .zh
        let yesNo: @Sendable (Bool) -> ExportValue = { value in .text(zh ? (value ? "是" : "否") : (value ? "yes" : "no")) }
        return ExportTable(sheetName: zh ? "救援记录" : "Rescues", columns: [
            ExportColumn(zh ? "救援单号" : "Rescue", width: 16) { .text($0.id) },
            ExportColumn(zh ? "电梯编号" : "Number", width: 10) { .text($0.number.description) },
            ExportColumn(zh ? "行政区划" : "District", width: 10) { .text($0.district) },
            ExportColumn(zh ? "街道办" : "Street", width: 12) { .text($0.street) },
            ExportColumn(zh ? "地址" : "Address", width: 36) { .text($0.address) },
            ExportColumn(zh ? "使用单位" : "User unit", width: 24) { .text($0.userUnit) },
            ExportColumn(zh ? "维保单位" : "Maintenance unit", width: 24) { .text($0.maintenanceUnit) },
            ExportColumn(zh ? "来源" : "Source", width: 10) { .text($0.source.name(in: language)) },
            ExportColumn(zh ? "状态" : "State", width: 14) { .text($0.state.name(in: language)) },
            ExportColumn(zh ? "报警时间" : "Reported", width: 17) { .time($0.reportedAt) },
            ExportColumn(zh ? "接单时限" : "Accept by", width: 17) { .time($0.acceptBy) },
            ExportColumn(zh ? "到达时限" : "Arrive by", width: 17) { .time($0.arriveBy) },
            ExportColumn(zh ? "接单时间" : "Accepted", width: 17) { .time($0.acceptedAt) },
            ExportColumn(zh ? "救援人员" : "Rescuer", width: 10) { .text($0.rescuerName) },
            ExportColumn(zh ? "到达时间" : "Arrived", width: 17) { .time($0.arrivedAt) },
            ExportColumn(zh ? "到达用时(分钟)" : "Arrival minutes", width: 10) { order in
                order.arrivalMinutes.map { .number(($0 * 10).rounded() / 10) } ?? .empty
            },
            ExportColumn(zh ? "到达验证" : "Arrival proof", width: 22) { .text($0.arrival?.name(in: language)) },
            ExportColumn(zh ? "解救时间" : "Released", width: 17) { .time($0.releasedAt) },
            ExportColumn(zh ? "超时" : "Late", width: 6) { yesNo($0.isLate) },
            ExportColumn(zh ? "已上报监管" : "Escalated", width: 8) { yesNo($0.isEscalated) },
            ExportColumn(zh ? "已等待(分钟)" : "Waiting minutes", width: 10) { order in
                order.state.awaitsArrival ? .number((now.timeIntervalSince(order.reportedAt) / 6).rounded() / 10) : .empty
            },
            ExportColumn(zh ? "取消原因" : "Cancel reason", width: 20) { .text($0.cancelReason) },
        ])
    }

    /// Writes the orders to a file.
    public static func write(_ orders: [RescueOrder], now: Date, format: ExportFormat, to url: URL, language: Language = .zh) throws {
        try TableFile.write([TableFile.Sheet(table(language, now: now), orders)], format: format, to: url)
    }
}
