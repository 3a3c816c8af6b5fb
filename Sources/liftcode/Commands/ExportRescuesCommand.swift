import ArgumentParser
import Foundation
import LiftCore
import LiftExport
import LiftStore

/// `liftcode export rescues`: rescue orders with their clocks, late and escalated marks.
struct ExportRescuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rescues", abstract: "Export rescue orders, newest first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: ExportOptions

    @Flag(help: "Only orders where people may still be waiting.")
    var open = false

    @Flag(help: "Only orders marked late.")
    var late = false

    @Option(help: ArgumentHelp("First day reported.", valueName: "day"))
    var from: String?

    @Option(help: ArgumentHelp("Last day reported, inclusive.", valueName: "day"))
    var to: String?

    func validate() throws {
        let (from, to) = (try ExportOptions.day(from, option: "--from"), try ExportOptions.day(to, option: "--to"))
        if let from, let to, to < from { throw ValidationError("--to is before --from") }
    }

    func run() async throws {
        let database = try await global.openStores()
        let scope = try export.scope(global)
        let filter = RescueFilter(
            district: scope.district, street: scope.street, openOnly: open, lateOnly: late,
            from: try ExportOptions.day(from, option: "--from").map(ShanghaiTime.startOfDay),
            to: try ExportOptions.day(to, option: "--to").map { ShanghaiTime.startOfDay($0.adding(days: 1)) }, limit: 1_000_000)
        let orders = try await database.rescues(filter)
        try RescueExport.write(orders, now: Date(), format: try export.exportFormat, to: export.url, language: export.language)
        print("exported \(orders.count) rescue orders to \(export.out)")
    }
}
