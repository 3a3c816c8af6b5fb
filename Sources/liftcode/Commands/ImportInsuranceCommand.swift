import ArgumentParser
import Foundation
import LiftImport

/// `liftcode import insurance FILE`: elevators' insurance policies, all or nothing.
struct ImportInsuranceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insurance",
        abstract: "Import insurance policies from a CSV or XLSX file (insurers' Chinese headers or English); a bad row changes nothing.",
        discussion: """
            Headers as insurers export them (电梯编号 or 注册代码, 保险公司, 保单号, 险种, 保险金额, 保险起期, 保险止期,
            理赔电话) or in English (number or registration code, insurer, policy number, coverage, sum insured,
            start, end, claims phone). Dates as 2026-01-05, 2026/1/5 or 2026年1月5日. An elevator keeps its
            policies over time; its page shows the one in force (an expired one in red when none is). A
            policy whose number the elevator already has is replaced.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The insurance file, .csv (UTF-8) or .xlsx.")
    var file: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    }

    func run() async throws {
        try await OperatorImportRunner.run(.insurance, file: file, global: global)
    }
}
