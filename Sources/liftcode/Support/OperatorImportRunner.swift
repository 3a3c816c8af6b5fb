import Foundation
import LiftImport

/// Runs an insurance, units or workers import for the CLI and prints what it did; a bad row is a
/// `CommandFailure` naming the line, and nothing is written.
enum OperatorImportRunner {
    static func run(_ kind: OperatorImportKind, file: String, global: GlobalOptions, allowPrivateWebhooks: Bool = false) async throws {
        let database = try await global.openStores()
        let result: OperatorImportResult
        do {
            result = try await OperatorImporter(store: database, allowPrivateWebhooks: allowPrivateWebhooks)
                .run(kind, file: URL(fileURLWithPath: file))
        } catch let error as ImportError {
            throw CommandFailure("\(file): \(error.description); nothing was imported")
        }
        print("\(result.summary) into \(GlobalOptions.redacted(global.database))")
        printSecrets(result.generatedSecrets)
    }

    /// Webhook secrets made for units, shown this once.
    static func printSecrets(_ secrets: [GeneratedSecret]) {
        guard !secrets.isEmpty else { return }
        print("Webhook secrets made for units without one; give each to its unit (shown only now, stored to sign deliveries):")
        for generated in secrets {
            print("  \(generated.unit.name)\t\(generated.secret.value)")
        }
    }
}
