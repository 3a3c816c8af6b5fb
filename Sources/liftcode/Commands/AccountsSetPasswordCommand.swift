import ArgumentParser
import Foundation
import LiftCore

/// `liftcode accounts set-password LOGIN`: sets the console password of a live account.
struct AccountsSetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-password",
        abstract: "Set the console password of an account (asked twice on a terminal, else one line of standard input).",
        discussion: "At least 10 characters, not the login, not one character repeated. Stored only as a bcrypt hash."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The account's console login.")
    var login: String

    func run() async throws {
        let database = try await global.openStores()
        guard try await database.account(login: login) != nil else {
            throw CommandFailure("no live account has login \(login) (liftcode accounts list)")
        }
        let hash = try ConsolePassword.hash(try ConsolePassword.ask(login: login), login: login)
        do {
            try await database.setPasswordHash(hash, login: login)
        } catch let error as AccountStoreError {
            throw CommandFailure(error.description)
        }
        print("password set for \(login)")
    }
}
