import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftLabels
import LiftStore

/// `liftcode labels resume BATCH`: finishes drawing a batch that stopped part-way.
struct LabelsResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Draw the missing or broken sheets of an issued batch, byte-identical to an uninterrupted run.",
        discussion: """
            The layout, format, skip, font and rescue codes come from the batch's batch.json when it \
            exists, so files match those already drawn. Complete files are kept. Without batch.json \
            (or with --out naming a fresh folder), --format and --skip choose how to draw it.

            Example:
              liftcode labels resume B20261125-0001
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The batch id (see labels list).")
    var batch: String

    @Option(help: ArgumentHelp("The folder that holds batch folders.", valueName: "dir"))
    var out: String = "Labels/out"

    @Option(help: ArgumentHelp("The layout, only when the batch folder has no batch.json (default: the ledger's layout name in Labels/layouts/).", valueName: "file"))
    var layout: String?

    @Option(help: ArgumentHelp("A font file, only when the batch folder has no batch.json.", valueName: "file"))
    var font: String?

    @OptionGroup var output: LabelOutputOptions

    func run() async throws {
        let database = try await global.openStores()
        let issuer = LabelPrinter.issuer(database: database, keys: try await global.keyRing(stores: database))
        let id = batch.trimmingCharacters(in: .whitespaces).uppercased()
        let job = try await LabelPrinter.reporting {
            try await issuer.resume(id, outputRoot: URL(fileURLWithPath: out, isDirectory: true)) { summary, record in
                if let record {
                    let (format, skip) = try output.resolved(
                        for: record.layoutSettings, fallback: record.format ?? .png, recordedSkip: record.skip)
                    return BatchDrawing(record: record, format: format, skip: skip)
                }
                let loaded = try LabelPrintingOptions.loadLayout(layout ?? "Labels/layouts/\(summary.layout).json")
                let (format, skip) = try output.resolved(for: loaded.settings)
                return BatchDrawing(
                    layout: loaded.settings, layoutName: summary.layout, font: try LabelPrintingOptions.locateFont(font), format: format,
                    skip: skip)
            }
        }
        try LabelPrinter.draw(job)
    }
}
