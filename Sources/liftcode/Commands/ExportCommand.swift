import ArgumentParser

/// `liftcode export maintenance|elevators|complaints|summary`: regulators' lists as files.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export maintenance records, elevators, complaints, rescues, the daily summary or the monthly bulletin as .xlsx or .csv.",
        discussion: """
            Workbooks have a Chinese header row, dates as Excel dates and a summary sheet; CSV is UTF-8 with a \
            byte-order mark. The file is written under a temporary name and renamed when complete.
            """,
        subcommands: [
            ExportMaintenanceCommand.self, ExportElevatorsCommand.self, ExportComplaintsCommand.self, ExportSummaryCommand.self,
            ExportRescuesCommand.self, ExportBulletinCommand.self,
        ]
    )
}
