import ArgumentParser

/// liftcode: signed QR safety labels for elevators, the public lookup behind them, complaints
/// and maintenance supervision.
@main
struct Liftcode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liftcode",
        abstract: "Signed QR safety labels for elevators: issue, verify, look up, complain, supervise.",
        version: "0.1.0",
        subcommands: [
            KeysCommand.self,
            LabelsCommand.self,
            ImportCommand.self,
            AccountsCommand.self,
            ServeCommand.self,
            KioskCommand.self,
            ExportCommand.self,
            RescuesCommand.self,
            DemoCommand.self,
        ]
    )
}
