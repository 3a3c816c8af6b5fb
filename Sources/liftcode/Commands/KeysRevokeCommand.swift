import ArgumentParser
import Foundation
import LiftCore

/// `liftcode keys revoke K1`: a compromised key; every label it signed becomes counterfeit.
struct KeysRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a compromised key: it signs nothing more and every label it signed shows as counterfeit.",
        discussion: "Running servers see the revocation within a second (at once on PostgreSQL); reprint the affected labels with another key."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The key id, as K1.")
    var id: String

    func run() async throws {
        try await KeyStatusChange(global: global, id: id, to: .revoked).apply()
        print("key \(id) revoked: every label it signed is now counterfeit")
    }
}

/// Sets a known key's status in the database, refusing unknown keys and going back from revoked.
struct KeyStatusChange {
    let global: GlobalOptions
    let id: String
    let status: KeyStatus

    init(global: GlobalOptions, id: String, to status: KeyStatus) {
        self.global = global
        self.id = id
        self.status = status
    }

    func apply() async throws {
        guard LabelCode.isValidKeyID(id) else {
            throw ValidationError("bad key id \"\(id)\": expected 1 to 4 characters of A-Z and 0-9, as K1")
        }
        let database = try await global.openStores()
        let ring = try await global.keyRing(stores: database)
        guard let current = ring.status(of: id) else {
            throw CommandFailure("no key \(id) in \(global.keys) (see liftcode keys list)")
        }
        guard current != .revoked else { throw CommandFailure("key \(id) is already revoked") }
        guard current != status else { throw CommandFailure("key \(id) is already \(status.rawValue)") }
        try await database.setKeyStatus(status, for: id)
    }
}
