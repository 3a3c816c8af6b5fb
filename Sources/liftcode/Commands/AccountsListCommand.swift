import ArgumentParser
import Foundation
import LiftCore

/// `liftcode accounts list`.
struct AccountsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts (never their tokens).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let accounts = try await global.openStores().accounts()
        guard !accounts.isEmpty else {
            print("no accounts yet: liftcode accounts add --role …")
            return
        }
        let rows = accounts.map { account -> [String] in
            let scope = [account.unit, account.district, account.street, account.workerLogin].compactMap { $0 }.joined(separator: " ")
            let state = account.revokedAt.map { "revoked \(ShanghaiTime.format($0))" } ?? "active"
            return [String(account.id), account.role.rawValue, scope, account.name ?? "", state]
        }
        TextTable.print(header: ["id", "role", "scope", "name", "state"], rows: rows)
    }
}
