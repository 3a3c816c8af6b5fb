import ArgumentParser
import Foundation
import LiftCore
import LiftExport
import LiftStore

/// `liftcode export maintenance`: maintenance records, latest first.
struct ExportMaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance", abstract: "Export maintenance records (or only abnormal ones).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: ExportOptions

    @Option(help: ArgumentHelp("First day of the end scan (2026-11-01).", valueName: "day"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the end scan, inclusive.", valueName: "day"))
    var to: String?

    @Option(help: ArgumentHelp("The maintenance unit.", valueName: "name"))
    var unit: String?

    @Option(help: ArgumentHelp("A worker's login (W0101) or name.", valueName: "worker"))
    var worker: String?

    @Option(help: ArgumentHelp("Review status: passed, reviewing, needs-data, invalid (or 通过, 审核中, 补数据, 无效).", valueName: "status"))
    var status: String?

    @Flag(help: "Only abnormal records (超时上传, 超量上传).")
    var abnormal = false

    @Option(help: ArgumentHelp("Only abnormal records of this type: late-upload or over-quota.", valueName: "type"))
    var type: String?

    func validate() throws {
        let (from, to) = (try ExportOptions.day(from, option: "--from"), try ExportOptions.day(to, option: "--to"))
        if let from, let to, to < from { throw ValidationError("--to is before --from") }
        if let status, ReviewStatus(codeOrName: status) == nil { throw ValidationError("--status: unknown review status \(status)") }
        if let type, AbnormalType(codeOrName: type) == nil { throw ValidationError("--type must be late-upload or over-quota") }
    }

    func run() async throws {
        let database = try await global.openStores()
        let filter = SupervisedRecordFilter(
            scope: try export.scope(global), from: try ExportOptions.day(from, option: "--from"),
            to: try ExportOptions.day(to, option: "--to"), maintenanceUnit: unit, worker: worker,
            status: status.flatMap(ReviewStatus.init(codeOrName:)), abnormalOnly: abnormal,
            abnormal: type.flatMap(AbnormalType.init(codeOrName:)))
        let exporter = SupervisionExporter(store: database, language: export.language)
        let format = try export.exportFormat
        let summary = SupervisionExporter.SummarySheet(scope: filter.scope, day: ShanghaiTime.day(of: Date()), now: Date())
        try await export.run(title: "maintenance records", total: try await database.count(filter)) { progress in
            try await exporter.exportRecords(filter, format: format, to: export.url, summary: summary, progress: progress)
        }
    }
}
