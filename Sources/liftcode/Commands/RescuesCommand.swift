import ArgumentParser

/// `liftcode rescues open|list|escalation|check`: the 96333 line's and the regulator's tools.
struct RescuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rescues",
        abstract: "Rescue orders for trapped passengers: open one for a call, list them, set the regulator's escalation webhook.",
        subcommands: [RescuesOpenCommand.self, RescuesListCommand.self, RescuesEscalationCommand.self, RescuesCheckCommand.self]
    )
}
