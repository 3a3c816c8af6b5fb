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
        let database = try global.openDatabase()
        guard let issued = try await database.batch(id: batch.trimmingCharacters(in: .whitespaces).uppercased()) else {
            throw CommandFailure("no batch \(batch) in the ledger (see liftcode labels list)")
        }
        let ring = try global.keyRing(database: database)
        let signer: LabelSigner
        do {
            signer = try ring.signer(for: issued.summary.keyID, reprinting: true)
        } catch {
            throw CommandFailure("\(error)")
        }
        let outputRoot = URL(fileURLWithPath: out, isDirectory: true)
        let recordFile = outputRoot.appendingPathComponent(issued.summary.id).appendingPathComponent(BatchRecord.fileName)
        let record: BatchRecord?
        do {
            record = try BatchRecord.read(from: recordFile)
        } catch {
            throw CommandFailure("\(recordFile.path) cannot be read: \(error); move it away to render the batch from the ledger")
        }
        let renderer: BatchRenderer
        let rescueCodes: [NNumber: String]
        if let record {
            let (format, skip) = try output.resolved(for: record.layoutSettings, fallback: record.format ?? .png, recordedSkip: record.skip)
            renderer = BatchRenderer(
                layout: record.layoutSettings, layoutName: record.layout, font: record.font, signer: signer, format: format, skip: skip)
            rescueCodes = Dictionary(uniqueKeysWithValues: record.rescueCodes.compactMap { key, value in
                (try? NNumber(parsing: key)).map { ($0, value) }
            })
        } else {
            let printing = try LabelPrintingOptions.parse(
                ["--layout", layout ?? "Labels/layouts/\(issued.summary.layout).json"] + (font.map { ["--font", $0] } ?? []))
            let layout = try printing.loadLayout().settings
            let (format, skip) = try output.resolved(for: layout)
            renderer = BatchRenderer(
                layout: layout, layoutName: issued.summary.layout, font: try printing.locateFont(), signer: signer, format: format,
                skip: skip)
            rescueCodes = try await database.rescueCodes(for: issued.labels.map(\.id.number))
        }
        try LabelPrinter(renderer: renderer, outputRoot: outputRoot).render(issued, rescueCodes: rescueCodes)
    }
}
