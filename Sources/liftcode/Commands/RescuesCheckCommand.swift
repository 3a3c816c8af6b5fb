import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode rescues check`: one deadline check now (serve does it every few seconds).
struct RescuesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Escalate rescues not accepted in time and mark late those not arrived in time, once, now.",
        discussion: "liftcode serve checks every few seconds on its own; this is for a database no server watches.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let database = try await global.openStores()
        let report = try await database.checkRescueDeadlines(now: Date())
        print("escalated: \(report.escalated.isEmpty ? "none" : report.escalated.joined(separator: ", "))")
        print("marked late: \(report.markedLate.isEmpty ? "none" : report.markedLate.joined(separator: ", "))")
    }
}
