import ArgumentParser

/// `liftcode import elevators|maintenance FILE`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the registry or maintenance history from the platform's CSV or XLSX exports.",
        subcommands: [ImportElevatorsCommand.self, ImportMaintenanceCommand.self]
    )
}
