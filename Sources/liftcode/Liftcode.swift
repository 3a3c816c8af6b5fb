import ArgumentParser
import Foundation

/// liftcode: signed QR safety labels for elevators, the public lookup behind them, complaints
/// and maintenance supervision.
@main
struct Liftcode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liftcode",
        abstract: "Signed QR safety labels for elevators: issue, verify, look up, complain, supervise.",
        discussion: "Exit status: 0 success, 1 runtime error, 64 usage error (a bad option or value, an unknown command).",
        version: "0.1.0",
        subcommands: [
            KeysCommand.self,
            LabelsCommand.self,
            ImportCommand.self,
            AccountsCommand.self,
            UnitsCommand.self,
            ServeCommand.self,
            KioskCommand.self,
            ExportCommand.self,
            RescuesCommand.self,
            DemoCommand.self,
            DbCommand.self,
        ]
    )

    /// Runs the command, with one exit status rule everywhere: 64 for usage errors (including an
    /// unknown command after `help` and a `UsageFailure` found at run time), 1 for runtime errors.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = CommandPath.unknownHelpTopic(arguments, root: Self.self) {
            exitWithUsageError("unknown command '\(unknown)'; see 'liftcode --help' for the commands")
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as UsageFailure {
            exitWithUsageError(failure.description)
        } catch {
            exit(withError: error)
        }
    }

    static func exitWithUsageError(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        exit(withError: ExitCode.validationFailure)
    }
}
