import ArgumentParser
import Foundation
import LiftCore
import LiftExport
import LiftStore

/// `liftcode export summary`: the daily summary per district.
struct ExportSummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Export the daily summary per district: elevators, overdue count and rate, abnormal records, open complaints.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: ExportOptions

    @Option(help: ArgumentHelp("The day summarised; today in Shanghai by default.", valueName: "day"))
    var day: String?

    func validate() throws {
        _ = try ExportOptions.day(day, option: "--day")
    }

    func run() async throws {
        let database = try await global.openStores()
        let now = Date()
        let sheet = SupervisionExporter.SummarySheet(
            scope: try export.scope(global), day: try ExportOptions.day(day, option: "--day") ?? ShanghaiTime.day(of: now), now: now)
        let exporter = SupervisionExporter(store: database, language: export.language)
        let format = try export.exportFormat
        try await export.run(title: "district summaries", total: 0) { _ in
            try await exporter.exportSummary(sheet, format: format, to: export.url)
        }
    }
}
