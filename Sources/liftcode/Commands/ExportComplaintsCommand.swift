import ArgumentParser
import Foundation
import LiftCore
import LiftExport
import LiftStore

/// `liftcode export complaints`: complaints, newest first, without reporters' phones.
struct ExportComplaintsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complaints", abstract: "Export complaints, newest first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: ExportOptions

    @Flag(help: "Only open complaints (not yet resolved).")
    var open = false

    @Flag(help: "Only complaints still open seven days after filing.")
    var pastDue = false

    @Option(help: ArgumentHelp("First day of filing.", valueName: "day"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of filing, inclusive.", valueName: "day"))
    var to: String?

    func validate() throws {
        let (from, to) = (try ExportOptions.day(from, option: "--from"), try ExportOptions.day(to, option: "--to"))
        if let from, let to, to < from { throw ValidationError("--to is before --from") }
    }

    func run() async throws {
        let database = try await global.openStores()
        let now = Date()
        let filter = SupervisedComplaintFilter(
            scope: try export.scope(global), openOnly: open, pastDueOnly: pastDue, from: try ExportOptions.day(from, option: "--from"),
            to: try ExportOptions.day(to, option: "--to"), now: now)
        let exporter = SupervisionExporter(store: database, language: export.language)
        let format = try export.exportFormat
        let summary = SupervisionExporter.SummarySheet(scope: filter.scope, day: ShanghaiTime.day(of: now), now: now)
        try await export.run(title: "complaints", total: try await database.count(filter)) { progress in
            try await exporter.exportComplaints(filter, format: format, to: export.url, summary: summary, progress: progress)
        }
    }
}
