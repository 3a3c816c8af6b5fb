import ArgumentParser

/// `liftcode keys new|list|retire|revoke`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the Ed25519 keys that sign labels (Keys/ID.key.pem stays private, Keys/ID.pub.pem is published).",
        subcommands: [KeysNewCommand.self, KeysListCommand.self, KeysRetireCommand.self, KeysRevokeCommand.self]
    )
}
