import ArgumentParser

/// `liftcode db copy`.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Move a deployment between database engines.",
        subcommands: [DbCopyCommand.self]
    )
}
