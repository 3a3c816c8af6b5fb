import ArgumentParser

/// Checks the command names after `liftcode help`, which the argument parser would answer with
/// the top help and exit 0 whatever they are.
enum CommandPath {
    /// The first word after `help` that names no command at its place, or nil.
    static func unknownHelpTopic(_ arguments: [String], root: any ParsableCommand.Type) -> String? {
        guard arguments.first == "help" else { return nil }
        var command = root
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { return word }
            command = next
        }
        return nil
    }
}
