import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode rescues list`: orders with their clocks, newest first.
struct RescuesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List rescue orders with their clocks, newest first.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only orders where people may still be waiting.")
    var open = false

    @Flag(help: "Only orders marked late.")
    var late = false

    @Option(help: ArgumentHelp("Only this district (name or digit).", valueName: "name"))
    var district: String?

    @Option(help: ArgumentHelp("At most this many orders.", valueName: "n"))
    var limit: Int = 50

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000") }
    }

    func run() async throws {
        let database = try await global.openStores()
        var filter = RescueFilter(openOnly: open, lateOnly: late, limit: limit)
        if let district {
            guard let known = try global.districtDirectory().district(named: district) else {
                throw ValidationError("--district: unknown district \(district)")
            }
            filter.district = known.name
        }
        let orders = try await database.rescues(filter)
        guard !orders.isEmpty else {
            print("no rescue orders")
            return
        }
        let now = Date()
        TextTable.print(
            header: ["id", "elevator", "state", "reported", "minutes", "arrival", "marks", "unit"],
            rows: orders.map { order in
                let minutes = order.arrivalMinutes ?? (order.state.awaitsArrival ? now.timeIntervalSince(order.reportedAt) / 60 : nil)
                let marks = [order.isLate ? "late" : nil, order.isEscalated ? "escalated" : nil].compactMap { $0 }.joined(separator: ",")
                return [
                    order.id, order.number.description, order.state.rawValue, ShanghaiTime.format(order.reportedAt),
                    minutes.map { String(format: "%.1f", $0) } ?? "", order.arrival?.code ?? "", marks, order.maintenanceUnit ?? "",
                ]
            })
    }
}
