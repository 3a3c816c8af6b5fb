import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftLabels

/// Issues `count` signed labels in `format` with a shipped layout (`a4` for sheets, `roll-60x40` for
/// ZPL), in a temporary directory on disk, exactly as `labels issue` renders them (one worker per
/// core, files fsynced); only the ledger is left out. Target (DESIGN.md section 11): at least 5,000
/// labels a second on the 2-core machine with peak memory under 256 MB whatever the count.
///
/// - Returns: labels a second over the rendering (signing, QR codes, text, encoding, manifest), the
///   bytes written, and the process's peak resident memory (VmHWM) afterwards.
func runLabelsBenchmark(count: Int, workers: Int? = nil, format: LabelFormat = .png) throws
    -> (labelsPerSecond: Double, megabytes: Double, peakMemoryMB: Double)
{
    precondition((1...999_999).contains(count), "a benchmark batch has 1 to 999,999 labels")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftbench-labels-\(getpid())-\(format)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let keys = directory.appendingPathComponent("Keys")
    try KeyRing.generate(id: "K1", in: keys)
    let signer = try KeyRing(directory: keys).signer(for: "K1")
    let layoutName = format == .zpl ? "roll-60x40" : "a4"
    let layout = try SheetLayout(contentsOf: shippedLayout(layoutName))
    var renderer = BatchRenderer(
        layout: layout, layoutName: layoutName, font: try FontLocator.system.locate(), signer: signer, format: format)
    if let workers { renderer.workerCount = workers }

    let batchID = "B20261125-0001"
    let labels = (1...count).map { LedgerLabel(id: LabelID(number: NNumber(value: $0)!, serial: 1), keyID: "K1", batchID: batchID) }
    let batch = IssuedBatch(
        summary: BatchSummary(
            id: batchID, district: District(digit: 0, name: "崇川区"), keyID: "K1", baseURL: "HTTPS://LC.EXAMPLE.CN",
            layout: layoutName, count: count, firstNumber: labels.first?.id.number, lastNumber: labels.last?.id.number,
            createdAt: Date()),
        labels: labels)

    let start = DispatchTime.now().uptimeNanoseconds
    let output = try renderer.render(batch, into: directory.appendingPathComponent("out"))
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let bytes = output.files.reduce(0) { total, file in
        total + ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0)
    }
    return (Double(count) / seconds, Double(bytes) / 1_000_000, peakMemoryMB())
}

/// Labels/layouts/NAME.json of the working directory (`make bench` runs from the package root), else
/// of the source tree this benchmark was built from.
private func shippedLayout(_ name: String) -> URL {
    let relative = URL(fileURLWithPath: "Labels/layouts/\(name).json")
    if FileManager.default.fileExists(atPath: relative.path) { return relative }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Labels/layouts/\(name).json")
}

/// `liftbench labels --count N [--format pdf|zpl]`: signs and draws N labels into 300-dpi A4 sheets
/// (PNG, and PDF or ZPL beside it when asked).
struct LabelsBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Sign and draw N labels into 300-dpi A4 PNG sheets (and PDF or ZPL beside it); labels a second and peak memory.")

    @Option(help: "Labels in the batch.")
    var count: Int = 20_000

    @Option(help: "Rendering workers (default: as labels issue, one per core).")
    var workers: Int?

    @Option(help: ArgumentHelp("Also measure pdf (A4 sheets) or zpl (60 × 40 mm roll labels) and print its rate beside PNG's.", valueName: "format"))
    var format: LabelFormat?

    func validate() throws {
        guard (1...999_999).contains(count) else { throw ValidationError("--count must be 1 to 999999") }
    }

    func run() throws {
        ResultTable.print(try Self.measure(count: count, workers: workers, formats: [.png] + (format.map { $0 == .png ? [] : [$0] } ?? [])))
    }

    static func measure(count: Int, workers: Int? = nil, formats: [LabelFormat] = [.png]) throws -> [BenchmarkResult] {
        var results: [BenchmarkResult] = []
        for format in formats {
            let (rate, megabytes, peak) = try runLabelsBenchmark(count: count, workers: workers, format: format)
            let what = format == .zpl ? "ZPL 60 × 40 mm" : "\(format.rawValue.uppercased()) A4 300 dpi"
            results += [
                BenchmarkResult(
                    name: "labels issued (\(count), \(what))", figure: String(format: "%.0f labels/s, %.0f MB", rate, megabytes),
                    target: ">= 5000 labels/s", met: rate >= 5000),
                BenchmarkResult(
                    name: "labels peak memory (\(count), \(format))", figure: String(format: "%.0f MB", peak), target: "< 256 MB",
                    met: peak < 256),
            ]
        }
        return results
    }
}

extension LabelFormat: ExpressibleByArgument {}
