import ArgumentParser
import Foundation
import LiftCore
import LiftExport
import LiftStore

/// `liftcode export elevators`: elevators with their maintenance status.
struct ExportElevatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elevators", abstract: "Export elevators with their maintenance status (overdue ones most overdue first).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: ExportOptions

    @Flag(help: "Only overdue elevators (超期).")
    var overdue = false

    @Option(help: ArgumentHelp("Only elevators whose next inspection is within N days (or past).", valueName: "days"))
    var inspectionDueWithin: Int?

    @Flag(help: "Only stopped elevators (停用).")
    var stopped = false

    @Flag(help: "Only elevators in service.")
    var inService = false

    @Option(help: ArgumentHelp("A user unit or maintenance unit.", valueName: "name"))
    var unit: String?

    @Option(help: ArgumentHelp("Part of the building's name (楼盘名称).", valueName: "text"))
    var building: String?

    @Option(help: ArgumentHelp("The day statuses are computed for; today in Shanghai by default.", valueName: "day"))
    var day: String?

    func validate() throws {
        if let inspectionDueWithin, !(0...3650).contains(inspectionDueWithin) {
            throw ValidationError("--inspection-due-within must be 0 to 3650 days")
        }
        if stopped && inService { throw ValidationError("--stopped and --in-service exclude each other") }
        _ = try ExportOptions.day(day, option: "--day")
    }

    func run() async throws {
        let database = try await global.openStores()
        let today = try ExportOptions.day(day, option: "--day") ?? ShanghaiTime.day(of: Date())
        let filter = SupervisedElevatorFilter(
            scope: try export.scope(global), overdueOnly: overdue, inspectionDueWithinDays: inspectionDueWithin,
            stopped: stopped ? true : (inService ? false : nil), unit: unit, building: building, today: today)
        let exporter = SupervisionExporter(store: database, language: export.language)
        let format = try export.exportFormat
        let summary = SupervisionExporter.SummarySheet(scope: filter.scope, day: today, now: Date())
        try await export.run(title: "elevators", total: try await database.count(filter)) { progress in
            try await exporter.exportElevators(filter, format: format, to: export.url, summary: summary, progress: progress)
        }
    }
}
