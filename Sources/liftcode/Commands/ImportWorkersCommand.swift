import ArgumentParser
import Foundation
import LiftImport

/// `liftcode import workers FILE`: maintenance units' workers, all or nothing.
struct ImportWorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "Import maintenance workers from a CSV or XLSX file; a bad row changes nothing.",
        discussion: """
            Headers 登录账号, 姓名, 手机号, 维保单位, or in English login, name, phone, unit. Workers are matched by
            login (the platform's W0001…); their unit must be a registered maintenance unit. A file with a
            national ID number column, or any field that looks like an ID number, is refused: liftcode never
            stores ID numbers.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The workers file, .csv (UTF-8) or .xlsx.")
    var file: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    }

    func run() async throws {
        try await OperatorImportRunner.run(.workers, file: file, global: global)
    }
}
