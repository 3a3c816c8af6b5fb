import ArgumentParser
import Foundation
import LiftCore
import LiftImport
import LiftStore

/// `liftcode units set NAME`: one unit's phone, webhook and webhook secret.
struct UnitsSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a unit's phone, webhook or webhook secret.",
        discussion: """
            Complaints routed to a maintenance unit are posted to its webhook, signed with its secret
            (X-Liftcode-Timestamp and X-Liftcode-Signature; see the README). A unit given a webhook
            without a secret gets a generated one, printed once; --webhook-secret-stdin reads one agreed
            with the unit instead, and --new-webhook-secret replaces it (the old one stops working).

            Examples:
              liftcode units set 南通弘扬电梯安装有限公司 --phone 0513-85123456 --webhook https://ops.hongyang.cn/liftcode
              printf %s "$SECRET" | liftcode units set 南通弘扬电梯安装有限公司 --webhook-secret-stdin
              liftcode units set 新物业有限公司 --kind user --create --phone 0513-80000000
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The unit's name, as the registry spells it.")
    var name: String

    @Option(help: "maintenance or user: needed when both kinds have this name, or with --create.")
    var kind: Organization.Kind?

    @Option(help: "The unit's phone (0513-85123456, 13912345678, 400-820-1234).")
    var phone: String?

    @Flag(help: "Remove the unit's phone.")
    var removePhone = false

    @Option(help: "Where the unit's complaints are posted (http or https).")
    var webhook: String?

    @Flag(help: "Remove the unit's webhook: its complaints are no longer posted.")
    var removeWebhook = false

    @Flag(help: "Read the webhook secret (32 to 256 printable characters) from standard input.")
    var webhookSecretStdin = false

    @Flag(help: "Make a new webhook secret and print it once.")
    var newWebhookSecret = false

    @Flag(help: "Accept a webhook on a loopback, link-local or private address (a unit's system on your own network).")
    var allowPrivateWebhooks = false

    @Flag(help: "Create the unit (with --kind) when no unit has this name.")
    var create = false

    func validate() throws {
        guard !name.trimmed.isEmpty, name.unicodeScalars.count <= 200 else { throw ValidationError("the unit name must be 1 to 200 characters") }
        guard phone == nil || !removePhone else { throw ValidationError("--phone and --remove-phone cannot go together") }
        guard webhook == nil || !removeWebhook else { throw ValidationError("--webhook and --remove-webhook cannot go together") }
        guard !(webhookSecretStdin && newWebhookSecret) else { throw ValidationError("--webhook-secret-stdin and --new-webhook-secret cannot go together") }
        guard phone != nil || removePhone || webhook != nil || removeWebhook || webhookSecretStdin || newWebhookSecret || create else {
            throw ValidationError("nothing to set: give --phone, --webhook, --webhook-secret-stdin, --new-webhook-secret or a --remove- option")
        }
        if create, kind == nil { throw ValidationError("--create needs --kind maintenance or user") }
        if kind == .insurer { throw ValidationError("--kind must be maintenance or user") }
        if let phone {
            do {
                _ = try ContactPhone.checked(phone)
            } catch {
                throw ValidationError("--phone: \(error.description)")
            }
        }
        if let webhook {
            do {
                _ = try WebhookEndpoint(validating: webhook, allowPrivateAddresses: allowPrivateWebhooks)
            } catch {
                throw ValidationError("--webhook: \(error.description)")
            }
        }
    }

    func run() async throws {
        var update = UnitUpdate(name: name.trimmed, kind: kind, createIfMissing: create)
        if let phone { update.phone = .set(try ContactPhone.checked(phone)) }
        if removePhone { update.phone = .clear }
        if let webhook { update.webhook = .set(try WebhookEndpoint(validating: webhook, allowPrivateAddresses: allowPrivateWebhooks)) }
        if removeWebhook { update.webhook = .clear }
        if newWebhookSecret { update.secret = .generate }
        if webhookSecretStdin { update.secret = .set(try Self.readSecret()) }
        let database = try await global.openStores()
        let outcome: UnitUpdateOutcome
        do {
            outcome = try await database.updateUnit(update)
        } catch let error as UnitStoreError {
            throw CommandFailure(error.description)
        }
        let unit = outcome.unit
        print("\(outcome.created ? "created" : "updated") \(unit.kind.rawValue) unit \(unit.name): phone \(unit.phone ?? "none"), webhook \(unit.webhookURL ?? "none")")
        if let secret = outcome.generatedSecret {
            print("Its webhook secret, shown only now (give it to the unit; it checks X-Liftcode-Signature with it):")
            print(secret.value)
        }
    }

    /// The secret on standard input, without its line break.
    static func readSecret() throws -> WebhookSecret {
        var data = Data()
        while data.count < 4096, let chunk = try? FileHandle.standardInput.read(upToCount: 4096), !chunk.isEmpty { data += chunk }
        guard data.count < 4096 else { throw CommandFailure("the webhook secret on standard input is longer than 256 characters") }
        guard let text = String(data: data, encoding: .utf8), !text.trimmed.isEmpty else {
            throw CommandFailure("--webhook-secret-stdin: no secret on standard input (e.g. printf %s \"$SECRET\" | liftcode units set …)")
        }
        do {
            return try WebhookSecret(validating: text)
        } catch {
            throw CommandFailure("--webhook-secret-stdin: \(error.description)")
        }
    }
}
