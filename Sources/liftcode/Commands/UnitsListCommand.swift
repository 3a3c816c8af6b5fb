import ArgumentParser
import LiftCore
import LiftStore

/// `liftcode units list`: units with their phones and webhooks, never their secrets.
struct UnitsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List units: phone, webhook, elevators and workers (never secrets).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "maintenance or user only.")
    var kind: Organization.Kind?

    func run() async throws {
        let units = try await global.openStores().unitListings(kind: kind)
        guard !units.isEmpty else {
            print("no units yet: liftcode import elevators FILE or import units FILE")
            return
        }
        TextTable.print(
            header: ["kind", "name", "phone", "webhook", "secret", "elevators", "workers"],
            rows: units.map { unit in
                [
                    unit.kind.rawValue, unit.name, unit.phone ?? "-", unit.webhookURL ?? "-",
                    unit.webhookURL == nil ? "-" : unit.hasWebhookSecret ? "set" : "none", String(unit.elevators),
                    unit.kind == .maintenance ? String(unit.workers) : "-",
                ]
            })
    }
}
