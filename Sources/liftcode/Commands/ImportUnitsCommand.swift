import ArgumentParser
import Foundation
import LiftImport

/// `liftcode import units FILE`: maintenance and user units' phones and webhooks, all or nothing.
struct ImportUnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "Import units' phones and webhooks from a CSV or XLSX file; a bad row changes nothing.",
        discussion: """
            Headers 单位名称, 单位类型 (维保单位 or 使用单位), 联系电话, 推送地址, 推送密钥, or in English name, kind
            (maintenance or user), phone, webhook, webhook secret. A column the file has sets that field on
            every row (an empty cell clears it); a column it lacks leaves the field as it was. Units not
            yet known are created. A unit given a webhook without a secret gets a generated one, printed
            once here: give it to the unit, which checks each delivery's X-Liftcode-Signature with it.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Accept webhooks on loopback, link-local or private addresses (a unit's system on your own network).")
    var allowPrivateWebhooks = false

    @Argument(help: "The units file, .csv (UTF-8) or .xlsx.")
    var file: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    }

    func run() async throws {
        try await OperatorImportRunner.run(.units, file: file, global: global, allowPrivateWebhooks: allowPrivateWebhooks)
    }
}
