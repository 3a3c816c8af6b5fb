import ArgumentParser
import Foundation
import LiftCore

/// Where the rescue deadlines of each district are set (district,arrivalMinutes,acceptanceMinutes).
struct RescueOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Rescue deadlines per district; 30 minutes to arrive and 5 to accept when absent.", valueName: "file"))
    var rescueDeadlines: String = Self.standardFile

    /// Where the deadlines are unless --rescue-deadlines says otherwise.
    static let standardFile = "Labels/rescue-deadlines.csv"

    /// The policy from --rescue-deadlines, or the standard one when there is no file.
    func policy() throws -> RescuePolicy {
        try Self.policy(file: rescueDeadlines)
    }

    /// The policy from a deadlines file, or the standard one when there is no file.
    static func policy(file: String) throws -> RescuePolicy {
        guard FileManager.default.fileExists(atPath: file) else { return RescuePolicy() }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw CommandFailure("cannot read \(file) as UTF-8 text")
        }
        do {
            return try RescuePolicy(csv: text)
        } catch {
            throw CommandFailure(error.description.replacingOccurrences(of: "districts.csv", with: file))
        }
    }
}
