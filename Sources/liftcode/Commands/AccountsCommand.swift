import ArgumentParser

/// `liftcode accounts add|list|revoke`.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Manage API accounts: workers, maintainers, property managers, regulators, 96333 operators, admins.",
        subcommands: [AccountsAddCommand.self, AccountsListCommand.self, AccountsRevokeCommand.self, AccountsSetPasswordCommand.self]
    )
}
