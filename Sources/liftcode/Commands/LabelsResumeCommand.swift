import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftLabels
import LiftStore

/// `liftcode labels resume BATCH`: finishes drawing a batch that stopped part-way.
struct LabelsResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Draw the missing or broken sheets of an issued batch, byte-identical to an uninterrupted run.",
        discussion: """
            The layout, font and rescue codes come from the batch's batch.json when it exists, so sheets \
            match those already drawn. Complete sheets are kept.

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

    func run() throws {
        let database = try global.openDatabase()
        guard let issued = try database.batch(id: batch.trimmingCharacters(in: .whitespaces).uppercased()) else {
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
            renderer = BatchRenderer(layout: record.layoutSettings, layoutName: record.layout, font: record.font, signer: signer)
            rescueCodes = Dictionary(uniqueKeysWithValues: record.rescueCodes.compactMap { key, value in
                (try? NNumber(parsing: key)).map { ($0, value) }
            })
        } else {
            let printing = try LabelPrintingOptions.parse(
                ["--layout", layout ?? "Labels/layouts/\(issued.summary.layout).json"] + (font.map { ["--font", $0] } ?? []))
            renderer = BatchRenderer(
                layout: try printing.loadLayout().settings, layoutName: issued.summary.layout, font: try printing.locateFont(),
                signer: signer)
            rescueCodes = try database.rescueCodes(for: issued.labels.map(\.id.number))
        }
        try LabelPrinter(renderer: renderer, outputRoot: outputRoot).render(issued, rescueCodes: rescueCodes)
    }
}
