import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode accounts revoke ID`.
struct AccountsRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an account: its token stops working at once.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The account id (see accounts list).")
    var id: Int64

    func run() async throws {
        do {
            try await global.openStores().revokeAccount(id: id, at: Date())
        } catch let error as AccountStoreError {
            throw CommandFailure(error.description)
        }
        print("account \(id) revoked")
    }
}
