import ArgumentParser
import LiftCore

/// `liftcode units set|list`.
struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "Maintenance and user units: their phones, webhooks and webhook secrets.",
        subcommands: [UnitsSetCommand.self, UnitsListCommand.self]
    )
}

extension Organization.Kind: ExpressibleByArgument {}
