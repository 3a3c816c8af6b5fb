import ArgumentParser

/// `liftcode import elevators|maintenance|insurance|units|workers FILE`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the registry, maintenance history, insurance, units and workers from CSV or XLSX files.",
        subcommands: [
            ImportElevatorsCommand.self, ImportMaintenanceCommand.self, ImportInsuranceCommand.self, ImportUnitsCommand.self,
            ImportWorkersCommand.self,
        ]
    )
}
