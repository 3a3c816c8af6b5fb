import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode labels revoke N006109-1 --reason TEXT`: the label shows as revoked from now on.
struct LabelsRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke one label (damaged, lost, reported): scanning it shows 已撤销 revoked.",
        discussion: """
            To print a replacement, issue the elevator again: liftcode labels issue --district 0 --numbers N006109 --replace

            Example:
              liftcode labels revoke N006109-1 --reason "label torn off"
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The label, as printed in its footer: N006109-1.")
    var label: String

    @Option(help: "Why it is revoked (kept in the ledger).")
    var reason: String

    func validate() throws {
        do {
            _ = try LabelID(parsing: label)
        } catch {
            throw ValidationError(error.description)
        }
        let reasonText = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reasonText.isEmpty, reasonText.count <= 200 else { throw ValidationError("--reason must be 1 to 200 characters") }
    }

    func run() async throws {
        let id = try LabelID(parsing: label)
        do {
            try await global.openStores().revoke(id, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), at: Date())
        } catch let error as LedgerError {
            throw CommandFailure(error.description)
        }
        print("label \(id) revoked: \(reason)")
    }
}
