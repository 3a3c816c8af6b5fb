import ArgumentParser
import Foundation
import LiftCore
import LiftImport
import LiftStore

/// `liftcode import maintenance FILE`: migrates the platform's maintenance history, all or nothing.
struct ImportMaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Import maintenance records from the platform's export (CSV or XLSX); a bad row changes nothing.",
        discussion: """
            Headers as the platform exports them (电梯编号, 类型, 开始时间, 结束时间, 时长(分钟), 维保人员, 登陆账号, \
            维保单位, 上传时间, 状态, 异常类型; 地址, 楼盘名称, 使用单位 and 街道办 are read past) or in English (number, \
            type, start, end, minutes, worker, login, maintenance unit, uploaded, status, abnormal). Times are \
            Shanghai wall-clock times (2017-10-13 13:53). Elevators must be registered first (import elevators).

            超时上传 is recomputed from 结束时间 and 上传时间; 超量上传 is kept as given and added for a worker's \
            9th and later elevators of a day among the rows of the file; 状态 is kept (empty means 通过). \
            Records that count update their elevators' maintenance status. Worker logins (W0001…) become \
            workers of their 维保单位 when not yet registered; a login that looks like a national ID number \
            is refused. Importing the same file again adds nothing.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The export, .csv (UTF-8) or .xlsx.")
    var file: String

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else { throw CommandFailure("no such file: \(file)") }
        let database = try await global.openStores()
        let url = URL(fileURLWithPath: file)
        let progress = ProgressBar("importing \(url.lastPathComponent)")
        var report = MaintenanceImportReport()
        let summary: MaintenanceImportSummary
        do {
            summary = try await database.importMaintenance { add in
                report = try MaintenanceImporter().read(url, progress: progress.update) { row in try add(row.record) }
            }
        } catch let error as ImportError {
            throw CommandFailure("\(file): \(error.description); nothing was imported")
        }
        var lines = [
            "imported \(counted(summary.inserted, "maintenance record")) from \(counted(report.rows, "row")) into \(GlobalOptions.redacted(global.database))"
                + (summary.alreadyPresent > 0 ? " (\(summary.alreadyPresent) already present)" : ""),
            "  counted as maintenance: \(summary.counted); 超时上传 (late upload): \(summary.lateUpload); "
                + "超量上传 (over quota): \(summary.overQuota) (\(summary.overQuotaDerived) found by this import)",
        ]
        if summary.workersCreated > 0 { lines.append("  workers created: \(summary.workersCreated)") }
        if !report.lateNotGiven.isEmpty {
            lines.append("  flagged 超时上传 though the file did not (uploaded more than 8 h after the end): lines \(Self.list(report.lateNotGiven))")
        }
        if !report.lateGivenButOnTime.isEmpty {
            lines.append("  not late though the file said 超时上传 (uploaded within 8 h): lines \(Self.list(report.lateGivenButOnTime))")
        }
        progress.finish(lines[0])
        for line in lines.dropFirst() { print(line) }
    }

    /// "3, 4, 17" — at most 20 lines, then how many more.
    static func list(_ lines: [Int]) -> String {
        let shown = lines.prefix(20).map(String.init).joined(separator: ", ")
        return lines.count > 20 ? shown + " and \(lines.count - 20) more" : shown
    }
}
