import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode rescues escalation --district 崇川区 --webhook URL`: where the district regulator
/// receives orders not accepted in time.
struct RescuesEscalationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalation",
        abstract: "Set (or remove) the webhook where a district's regulator receives rescues not accepted in time.",
        discussion: """
            Example:
              liftcode rescues escalation --district 崇川区 --webhook https://scjg.example.cn/liftcode/escalations
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The district (name or digit).", valueName: "name"))
    var district: String

    @Option(help: ArgumentHelp("The regulator's webhook (http or https).", valueName: "url"))
    var webhook: String?

    @Flag(help: "Remove the district's webhook.")
    var remove = false

    @Flag(help: "Allow a loopback or private address (the regulator's system on this network).")
    var allowPrivate = false

    func validate() throws {
        guard (webhook != nil) != remove else { throw ValidationError("give --webhook URL or --remove") }
        if let webhook {
            do {
                _ = try WebhookEndpoint(validating: webhook, allowPrivateAddresses: allowPrivate)
            } catch {
                throw ValidationError("--webhook: \(error.description)")
            }
        }
    }

    func run() async throws {
        guard let known = try global.districtDirectory().district(named: district) else {
            throw ValidationError("--district: unknown district \(district)")
        }
        let database = try await global.openStores()
        let url = try webhook.map { try WebhookEndpoint(validating: $0, allowPrivateAddresses: allowPrivate).url }
        try await database.setRegulatorWebhook(district: known.name, url: url)
        print(url.map { "\(known.name): escalations go to \($0)" } ?? "\(known.name): escalation webhook removed")
    }
}
