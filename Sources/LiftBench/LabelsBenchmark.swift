import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftLabels

/// Issues `count` signed labels into 300-dpi A4 sheets with the shipped `a4` layout, in a temporary
/// directory on disk, exactly as `labels issue` renders them (one worker per core, sheets fsynced);
/// only the ledger is left out. Target (DESIGN.md section 11): at least 5,000 labels a second on
/// the 2-core machine with peak memory under 256 MB whatever the count.
///
/// - Returns: labels a second over the rendering (signing, QR codes, text, PNG, manifest), and the
///   process's peak resident memory (VmHWM) afterwards.
func runLabelsBenchmark(count: Int, workers: Int? = nil) throws -> (labelsPerSecond: Double, peakMemoryMB: Double) {
    precondition((1...999_999).contains(count), "a benchmark batch has 1 to 999,999 labels")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftbench-labels-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let keys = directory.appendingPathComponent("Keys")
    try KeyRing.generate(id: "K1", in: keys)
    let signer = try KeyRing(directory: keys).signer(for: "K1")
    let layout = try SheetLayout(contentsOf: shippedA4Layout())
    var renderer = BatchRenderer(layout: layout, layoutName: "a4", font: try FontLocator.system.locate(), signer: signer)
    if let workers { renderer.workerCount = workers }

    let batchID = "B20261125-0001"
    let labels = (1...count).map { LedgerLabel(id: LabelID(number: NNumber(value: $0)!, serial: 1), keyID: "K1", batchID: batchID) }
    let batch = IssuedBatch(
        summary: BatchSummary(
            id: batchID, district: District(digit: 0, name: "崇川区"), keyID: "K1", baseURL: "HTTPS://LC.EXAMPLE.CN",
            layout: "a4", count: count, firstNumber: labels.first?.id.number, lastNumber: labels.last?.id.number,
            createdAt: Date()),
        labels: labels)

    let start = DispatchTime.now().uptimeNanoseconds
    _ = try renderer.render(batch, into: directory.appendingPathComponent("out"))
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (Double(count) / seconds, peakMemoryMB())
}

/// Labels/layouts/a4.json of the working directory (`make bench` runs from the package root), else
/// of the source tree this benchmark was built from.
private func shippedA4Layout() -> URL {
    let relative = URL(fileURLWithPath: "Labels/layouts/a4.json")
    if FileManager.default.fileExists(atPath: relative.path) { return relative }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Labels/layouts/a4.json")
}

/// `liftbench labels --count N`: signs and draws N labels into 300-dpi A4 sheets.
struct LabelsBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels", abstract: "Sign and draw N labels into 300-dpi A4 PNG sheets; labels a second and peak memory.")

    @Option(help: "Labels in the batch.")
    var count: Int = 20_000

    @Option(help: "Rendering workers (default: as labels issue, one per core).")
    var workers: Int?

    func validate() throws {
        guard (1...999_999).contains(count) else { throw ValidationError("--count must be 1 to 999999") }
    }

    func run() throws {
        ResultTable.print(try Self.measure(count: count, workers: workers))
    }

    static func measure(count: Int, workers: Int? = nil) throws -> [BenchmarkResult] {
        let (rate, peak) = try runLabelsBenchmark(count: count, workers: workers)
        return [
            BenchmarkResult(
                name: "labels issued (\(count), A4 300 dpi)", figure: String(format: "%.0f labels/s", rate), target: ">= 5000 labels/s",
                met: rate >= 5000),
            BenchmarkResult(
                name: "labels peak memory (\(count))", figure: String(format: "%.0f MB", peak), target: "< 256 MB", met: peak < 256),
        ]
    }
}
