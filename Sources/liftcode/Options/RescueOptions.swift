import ArgumentParser
import Foundation
import LiftCore

/// Where the rescue deadlines of each district are set (district,arrivalMinutes,acceptanceMinutes).
struct RescueOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Rescue deadlines per district; 30 minutes to arrive and 5 to accept when absent.", valueName: "file"))
    var rescueDeadlines: String = "Labels/rescue-deadlines.csv"

    /// The policy from the file, or the standard one when there is no file.
    func policy() throws -> RescuePolicy {
        guard FileManager.default.fileExists(atPath: rescueDeadlines) else { return RescuePolicy() }
        guard let text = try? String(contentsOfFile: rescueDeadlines, encoding: .utf8) else {
            throw CommandFailure("cannot read \(rescueDeadlines) as UTF-8 text")
        }
        do {
            return try RescuePolicy(csv: text)
        } catch {
            throw CommandFailure(error.description.replacingOccurrences(of: "districts.csv", with: rescueDeadlines))
        }
    }
}
