import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftLabels

/// `liftcode labels proof`: one sheet or roll label of specimen codes, to check alignment on the real
/// stock before a batch.
struct LabelsProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Draw one sheet (or roll label) of specimen labels to check a layout on the real stock.",
        discussion: """
            The specimens look and scan like real labels but are signed with a key made for the proof
            and thrown away, under the key id PROOF, which no key ring can hold: every server reads
            them as malformed. Nothing is written to the ledger or the database. The proof goes to
            <out>/PROOF-<layout>/, replacing the previous proof of that layout.

            Examples:
              liftcode labels proof --layout Labels/layouts/a4-3x4-63.5x72.json --format pdf
              liftcode labels proof --layout Labels/layouts/roll-50x30.json --format zpl
            """
    )

    @Option(help: ArgumentHelp("The district table (prefix,district,note).", valueName: "file"))
    var districts: String = "Labels/districts.csv"

    @OptionGroup var printing: LabelPrintingOptions

    @OptionGroup var output: LabelOutputOptions

    func run() async throws {
        let baseURL = try printing.labelBaseURL()
        let drawing = try printing.drawing(output)
        let district = try GlobalOptions.districtDirectory(file: districts).districts.first
            ?? District(digit: 0, name: "")
        let job = try await LabelPrinter.reporting {
            try LabelProof.job(drawing: drawing, district: district, baseURL: baseURL, outputRoot: printing.outputRoot)
        }
        try removePreviousProof(job.batch.summary.id)
        print(
            "proof of \(drawing.layoutName): \(job.batch.labels.count) specimen labels under key id \(job.signer.keyID), which no server trusts")
        try LabelPrinter.draw(job)
    }

    /// Removes `<out>/PROOF-<layout>/` when it holds an earlier proof; refuses to touch anything else.
    private func removePreviousProof(_ id: String) throws {
        let directory = printing.outputRoot.appendingPathComponent(id, isDirectory: true)
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        let record = try? BatchRecord.read(from: directory.appendingPathComponent(BatchRecord.fileName))
        guard record?.batch == id, record?.key == LabelSigner.proofKeyID else {
            throw CommandFailure("\(directory.path) exists but does not hold an earlier proof: move it away first")
        }
        do {
            try FileManager.default.removeItem(at: directory)
        } catch {
            throw CommandFailure("cannot remove the earlier proof \(directory.path): \(error.localizedDescription)")
        }
    }
}
