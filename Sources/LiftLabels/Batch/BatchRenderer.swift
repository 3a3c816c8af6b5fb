import Dispatch
import Foundation
import LiftCore
import LiftCrypto

/// Renders an issued batch into `<out>/<batch-id>/`: PNG sheets, `manifest.csv` and `batch.json`.
///
/// The ledger has already recorded the batch; this only draws it. Drawing is deterministic
/// (Ed25519 signatures are), and a sheet that exists complete under its final name is kept, so
/// rendering a batch folder again (`labels resume`) redraws exactly the missing or broken sheets,
/// byte for byte. Sheets are drawn in parallel by `workerCount` workers, each with its own
/// FreeType renderer, glyph cache and canvas, and written by one file thread; memory holds a canvas
/// per worker and at most three encoded sheets (≈75 KB each) per worker.
///
///     let renderer = BatchRenderer(layout: layout, layoutName: "a4", font: font, signer: signer)
///     let output = try renderer.render(batch, into: URL(fileURLWithPath: "Labels/out")) { done, total in
///         bar.update(done, of: total)
///     }
public struct BatchRenderer: Sendable {
    public var layout: SheetLayout
    /// The layout's name recorded in `batch.json`.
    public var layoutName: String
    public var font: FontFile
    public var signer: LabelSigner
    /// Parallel workers; one per core by default.
    public var workerCount: Int
    /// Whether each sheet is fsynced before its rename (see ``PNGSheetWriter/synchronizes``).
    public var synchronizesSheets: Bool

    public init(
        layout: SheetLayout, layoutName: String, font: FontFile, signer: LabelSigner,
        workerCount: Int = ProcessInfo.processInfo.activeProcessorCount, synchronizesSheets: Bool = true
    ) {
        self.layout = layout
        self.layoutName = layoutName
        self.font = font
        self.signer = signer
        self.workerCount = max(1, workerCount)
        self.synchronizesSheets = synchronizesSheets
    }

    /// The pixel geometry for codes with `baseURL`; throws when the QR code or text does not fit a
    /// label. `labels issue` calls it before the ledger records anything.
    public func geometry(baseURL: String) throws -> SheetGeometry {
        try SheetGeometry(layout: layout, baseURL: baseURL, keyID: signer.keyID, fonts: FontRenderer(font: font))
    }

    /// "sheet-0001.png": four digits, more for a batch of more than 9999 sheets.
    public static func sheetFileName(_ index: Int, sheetCount: Int) -> String {
        let digits = max(4, String(sheetCount).count)
        let number = String(index + 1)
        return "sheet-" + String(repeating: "0", count: max(0, digits - number.count)) + number + ".png"
    }

    /// The manifest's file name in a batch folder.
    public static let manifestFileName = "manifest.csv"

    /// Renders `batch` into `outputRoot/<batch-id>/`, keeping sheets that are already complete.
    ///
    /// - Parameters:
    ///   - rescueCodes: 96333 rescue codes by number; may hold more numbers than the batch.
    ///   - progress: called from worker threads and the file thread, one call at a time, with labels
    ///     done and total.
    public func render(
        _ batch: IssuedBatch, rescueCodes: [NNumber: String] = [:], into outputRoot: URL,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> BatchOutput {
        let summary = batch.summary
        guard summary.keyID == signer.keyID, batch.labels.allSatisfy({ $0.keyID == signer.keyID }) else {
            throw BatchError.keyMismatch(batch: summary.id, batchKey: summary.keyID, signerKey: signer.keyID)
        }
        let geometry = try geometry(baseURL: summary.baseURL)
        let printedRescueCodes = try checkedRescueCodes(rescueCodes, for: batch)

        let directory = outputRoot.appendingPathComponent(summary.id, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let perSheet = layout.labelsPerSheet
        let sheetCount = (batch.labels.count + perSheet - 1) / perSheet
        let record = BatchRecord(
            batch: summary.id, district: summary.district,
            range: batch.labels.isEmpty
                ? nil
                : BatchRecord.NumberRange(
                    first: batch.labels.map(\.id.number).min()!, last: batch.labels.map(\.id.number).max()!),
            count: batch.labels.count, key: summary.keyID, baseURL: summary.baseURL, layout: layoutName,
            // batch.json keeps whole seconds (ISO 8601), so the record compares equal when read back.
            created: Date(timeIntervalSince1970: summary.createdAt.timeIntervalSince1970.rounded(.down)), sheets: sheetCount, labelsPerSheet: perSheet, layoutSettings: layout,
            font: font, rescueCodes: printedRescueCodes)
        let recordFile = directory.appendingPathComponent(BatchRecord.fileName)
        try writeOrCheck(record, at: recordFile)
        try removePartialFiles(in: directory)

        let sheets = (0..<sheetCount).map { directory.appendingPathComponent(Self.sheetFileName($0, sheetCount: sheetCount)) }
        let manifestFile = directory.appendingPathComponent(Self.manifestFileName)
        let manifestPartial = PNGSheetWriter.partialFile(for: manifestFile)
        try Data("sheet,row,column,number,serial,key,code\n".utf8).write(to: manifestPartial)
        let manifest = try FileHandle(forWritingTo: manifestPartial)
        try manifest.seekToEnd()

        let queue = BatchWorkQueue(sheetCount: sheetCount, totalLabels: batch.labels.count, manifest: manifest, progress: progress)
        let (dotsPerInch, bitDepth, compressionLevel) = (layout.dpi, layout.bitDepth, layout.pngCompressionLevel ?? 1)
        let writer = PNGSheetWriter(synchronizes: synchronizesSheets)
        let work = SheetWork(
            labels: batch.labels, baseURL: summary.baseURL, district: summary.district.name,
            rescueCodes: printedRescueCodes, perSheet: perSheet, columns: layout.columns, signer: signer)
        let font = font
        // The workers sign, draw and encode; one file thread writes, syncs and renames, so the cores
        // never wait for the disk. The semaphore bounds the encoded sheets waiting for it.
        let files = DispatchQueue(label: "liftcode.batch.sheet-files")
        let waitingSheets = DispatchSemaphore(value: 2 * workerCount)
        DispatchQueue.concurrentPerform(iterations: min(workerCount, max(sheetCount, 1))) { _ in
            do {
                let renderer = try SheetRenderer(geometry: geometry, font: font)
                let encoder = try PNGSheetEncoder(dotsPerInch: dotsPerInch, bitDepth: bitDepth, compressionLevel: compressionLevel)
                while let sheet = queue.takeSheet() {
                    let (printed, rows) = try work.labels(ofSheet: sheet)
                    if PNGSheetWriter.isComplete(sheets[sheet]) {
                        queue.complete(sheet: sheet, manifestRows: rows, labels: printed.count, rendered: false)
                        continue
                    }
                    try renderer.render(printed)
                    let png = try encoder.encode(renderer.canvas)
                    waitingSheets.wait()
                    files.async {
                        defer { waitingSheets.signal() }
                        guard queue.firstFailure == nil else { return }  // the batch is stopping
                        do {
                            try writer.write(png, to: sheets[sheet])
                            queue.complete(sheet: sheet, manifestRows: rows, labels: printed.count, rendered: true)
                        } catch {
                            queue.fail(error)
                        }
                    }
                }
            } catch {
                queue.fail(error)
            }
        }
        files.sync {}

        if let failure = queue.firstFailure {
            try? manifest.close()
            try? FileManager.default.removeItem(at: manifestPartial)
            throw failure
        }
        if synchronizesSheets { try manifest.synchronize() }
        try manifest.close()
        guard rename(manifestPartial.path, manifestFile.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: manifestFile.path])
        }
        return BatchOutput(
            directory: directory, sheets: sheets, renderedSheets: queue.sheetsRendered, manifest: manifestFile,
            record: recordFile, labelCount: batch.labels.count)
    }

    /// The rescue codes of the batch's elevators, trimmed, refusing characters the font cannot draw.
    private func checkedRescueCodes(_ codes: [NNumber: String], for batch: IssuedBatch) throws -> [String: String] {
        var printed: [String: String] = [:]
        for label in batch.labels {
            guard let code = codes[label.id.number]?.trimmed, !code.isEmpty else { continue }
            printed[label.id.number.description] = code
        }
        let fonts = try FontRenderer(font: font)
        for (number, code) in printed.sorted(by: { $0.key < $1.key }) {
            let missing = fonts.missingCharacters(in: code)
            guard missing.isEmpty else {
                throw BatchError.unprintableRescueCode(number: number, code: code, font: font.description)
            }
        }
        return printed
    }

    /// Writes `batch.json` through a temporary file, or, when it exists, checks it records the same
    /// settings: a batch is only ever rendered as it was first rendered.
    private func writeOrCheck(_ record: BatchRecord, at file: URL) throws {
        if let existing = try BatchRecord.read(from: file) {
            guard existing == record else { throw BatchError.recordMismatch(path: file.path) }
            return
        }
        let partial = PNGSheetWriter.partialFile(for: file)
        try record.encoded().write(to: partial)
        guard rename(partial.path, file.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
    }

    /// Leftovers of an interrupted run.
    private func removePartialFiles(in directory: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".partial") {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}

/// The labels of each sheet with their signed codes and manifest rows; shared by the workers.
struct SheetWork: Sendable {
    let labels: [LedgerLabel]
    let baseURL: String
    let district: String
    let rescueCodes: [String: String]
    let perSheet: Int
    let columns: Int
    let signer: LabelSigner

    /// Signs the labels of sheet `sheet` and makes its manifest rows.
    func labels(ofSheet sheet: Int) throws -> (labels: [PrintedLabel], manifestRows: Data) {
        let range = (sheet * perSheet)..<min((sheet + 1) * perSheet, labels.count)
        var printed: [PrintedLabel] = []
        printed.reserveCapacity(range.count)
        var rows = ""
        for (position, label) in labels[range].enumerated() {
            let code = try signer.code(baseURL: baseURL, label: label.id)
            let number = code.number.description
            printed.append(PrintedLabel(code: code, district: district, rescueCode: rescueCodes[number]))
            rows += "\(sheet + 1),\(position / columns + 1),\(position % columns + 1),\(number),\(code.serial),\(code.keyID),\(code.text)\n"
        }
        return (printed, Data(rows.utf8))
    }
}
