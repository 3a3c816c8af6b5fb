import Dispatch
import Foundation
import LiftCore
import LiftCrypto

/// Renders an issued batch into `<out>/<batch-id>/`: its files (PNG sheets, PDF documents or ZPL
/// files), `manifest.csv` and `batch.json`.
///
/// The ledger has already recorded the batch; this only draws it. Drawing is deterministic
/// (Ed25519 signatures are), and a file that exists complete under its final name is kept, so
/// rendering a batch folder again (`labels resume`) redraws exactly the missing or broken files,
/// byte for byte. Files are drawn in parallel by `workerCount` workers, each with its own
/// FreeType renderer, glyph cache and canvas (PNG) or cairo document (PDF). PNG sheets are written
/// by one file thread; memory holds a canvas per worker and at most three encoded sheets (≈75 KB
/// each) per worker. A PDF or ZPL file is streamed to disk by the worker that draws it.
///
///     let renderer = BatchRenderer(layout: layout, layoutName: "a4", font: font, signer: signer, format: .pdf)
///     let output = try renderer.render(batch, into: URL(fileURLWithPath: "Labels/out")) { done, total in
///         bar.update(done, of: total)
///     }
public struct BatchRenderer: Sendable {
    public var layout: SheetLayout
    /// The layout's name recorded in `batch.json`.
    public var layoutName: String
    public var font: FontFile
    public var signer: LabelSigner
    /// What the batch is drawn as.
    public var format: LabelFormat
    /// Positions left blank at the start of the first sheet (PNG and PDF), for a sheet that already
    /// lost some labels.
    public var skip: Int
    /// Parallel workers; one per core by default.
    public var workerCount: Int
    /// Whether each file is fsynced before its rename (see ``PNGSheetWriter/synchronizes``).
    public var synchronizesSheets: Bool

    public init(
        layout: SheetLayout, layoutName: String, font: FontFile, signer: LabelSigner, format: LabelFormat = .png, skip: Int = 0,
        workerCount: Int = ProcessInfo.processInfo.activeProcessorCount, synchronizesSheets: Bool = true
    ) {
        self.layout = layout
        self.layoutName = layoutName
        self.font = font
        self.signer = signer
        self.format = format
        self.skip = skip
        self.workerCount = max(1, workerCount)
        self.synchronizesSheets = synchronizesSheets
    }

    /// The pixel geometry for codes with `baseURL`; throws when the QR code or text does not fit a
    /// label, when the layout does not suit the format (ZPL needs a roll layout), or when `skip`
    /// does not fit a sheet. `labels issue` calls it before the ledger records anything.
    public func geometry(baseURL: String) throws -> SheetGeometry {
        guard skip == 0 || (format != .zpl && skip > 0 && skip < layout.labelsPerSheet) else {
            throw BatchError.badSkip(skip: skip, labelsPerSheet: layout.labelsPerSheet, format: format)
        }
        let geometry = try SheetGeometry(layout: layout, baseURL: baseURL, keyID: signer.keyID, fonts: FontRenderer(font: font))
        if format == .zpl { try ZPLLabelRenderer.check(geometry) }
        return geometry
    }

    /// "sheet-0001.png": four digits, more for a batch of more than 9999 sheets.
    public static func sheetFileName(_ index: Int, sheetCount: Int) -> String {
        "sheet-" + padded(index + 1, sheetCount: sheetCount) + ".png"
    }

    /// The name of file `file` of a batch: "sheet-0001.png" (PNG), "sheets-0001-0100.pdf" (PDF, its
    /// first and last page), "labels-0001-1000.zpl" (ZPL, its first and last label).
    static func fileName(_ file: Int, format: LabelFormat, plan: BatchPlan) -> String {
        let sheets = plan.sheets(ofFile: file)
        switch format {
        case .png:
            return sheetFileName(file, sheetCount: plan.sheetCount)
        case .pdf, .zpl:
            let first = padded(sheets.lowerBound + 1, sheetCount: plan.sheetCount)
            let last = padded(sheets.upperBound, sheetCount: plan.sheetCount)
            return (format == .pdf ? "sheets-" : "labels-") + first + "-" + last + "." + format.fileExtension
        }
    }

    private static func padded(_ number: Int, sheetCount: Int) -> String {
        let digits = max(4, String(sheetCount).count)
        let text = String(number)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Whether a batch file is whole, so resuming keeps it.
    static func isComplete(_ file: URL, format: LabelFormat) -> Bool {
        switch format {
        case .png: PNGSheetWriter.isComplete(file)
        case .pdf: StreamingFileWriter.isComplete(file, head: Array("%PDF-".utf8), tail: Array("%%EOF".utf8))
        case .zpl: StreamingFileWriter.isComplete(file, head: Array("^XA".utf8), tail: Array("^XZ".utf8))
        }
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
        let sheetCount = BatchPlan(labelCount: batch.labels.count, perSheet: perSheet, skip: skip, sheetsPerFile: 1).sheetCount
        let plan = BatchPlan(
            labelCount: batch.labels.count, perSheet: perSheet, skip: skip,
            sheetsPerFile: format == .png ? 1 : max(1, min(layout.sheetsPerFile ?? sheetCount, sheetCount)))
        let record = BatchRecord(
            batch: summary.id, district: summary.district,
            range: batch.labels.isEmpty
                ? nil
                : BatchRecord.NumberRange(
                    first: batch.labels.map(\.id.number).min()!, last: batch.labels.map(\.id.number).max()!),
            count: batch.labels.count, key: summary.keyID, baseURL: summary.baseURL, layout: layoutName,
            // batch.json keeps whole seconds (ISO 8601), so the record compares equal when read back.
            created: Date(timeIntervalSince1970: summary.createdAt.timeIntervalSince1970.rounded(.down)), sheets: sheetCount, labelsPerSheet: perSheet, layoutSettings: layout,
            font: font, rescueCodes: printedRescueCodes, format: format == .png ? nil : format, skip: skip == 0 ? nil : skip)
        let recordFile = directory.appendingPathComponent(BatchRecord.fileName)
        try writeOrCheck(record, at: recordFile)
        try removePartialFiles(in: directory)

        let format = format
        let files = (0..<plan.fileCount).map { directory.appendingPathComponent(Self.fileName($0, format: format, plan: plan)) }
        let manifestFile = directory.appendingPathComponent(Self.manifestFileName)
        let manifestPartial = PNGSheetWriter.partialFile(for: manifestFile)
        try Data("sheet,row,column,number,serial,key,code\n".utf8).write(to: manifestPartial)
        let manifest = try FileHandle(forWritingTo: manifestPartial)
        try manifest.seekToEnd()

        let queue = BatchWorkQueue(fileCount: plan.fileCount, totalLabels: batch.labels.count, manifest: manifest, progress: progress)
        let (dotsPerInch, bitDepth, compressionLevel) = (layout.dpi, layout.bitDepth, layout.pngCompressionLevel ?? 1)
        let (synchronizes, copies, created) = (synchronizesSheets, layout.copies ?? 1, record.created)
        let writer = PNGSheetWriter(synchronizes: synchronizes)
        let work = SheetWork(
            labels: batch.labels, baseURL: summary.baseURL, district: summary.district.name,
            rescueCodes: printedRescueCodes, plan: plan, columns: layout.columns, signer: signer)
        let font = font
        // The workers sign, draw and encode. PNG sheets go to one file thread that writes, syncs and
        // renames each, so the cores never wait for the disk; the semaphore bounds the encoded sheets
        // waiting for it. A PDF or ZPL file is streamed to disk by its worker.
        let sheetFiles = DispatchQueue(label: "liftcode.batch.sheet-files")
        let waitingSheets = DispatchSemaphore(value: 2 * workerCount)
        DispatchQueue.concurrentPerform(iterations: min(workerCount, max(plan.fileCount, 1))) { _ in
            do {
                let pngRenderer = format == .png ? try SheetRenderer(geometry: geometry, font: font) : nil
                let encoder =
                    format == .png
                    ? try PNGSheetEncoder(dotsPerInch: dotsPerInch, bitDepth: bitDepth, compressionLevel: compressionLevel) : nil
                let pdfRenderer = format == .pdf ? try PDFSheetRenderer(geometry: geometry, font: font) : nil
                let zplRenderer = format == .zpl ? try ZPLLabelRenderer(geometry: geometry, font: font, copies: copies) : nil
                while let file = queue.takeFile() {
                    let sheets = plan.sheets(ofFile: file)
                    if Self.isComplete(files[file], format: format) {
                        var rows = Data()
                        for sheet in sheets { rows += try work.labels(ofSheet: sheet).manifestRows }
                        queue.complete(file: file, manifestRows: rows, labels: work.labelCount(ofSheets: sheets), rendered: false)
                        continue
                    }
                    if let pngRenderer, let encoder {
                        let (printed, rows) = try work.labels(ofSheet: file)
                        try pngRenderer.render(printed, firstPosition: plan.firstPosition(ofSheet: file))
                        let png = try encoder.encode(pngRenderer.canvas)
                        waitingSheets.wait()
                        sheetFiles.async {
                            defer { waitingSheets.signal() }
                            guard queue.firstFailure == nil else { return }  // the batch is stopping
                            do {
                                try writer.write(png, to: files[file])
                                queue.complete(file: file, manifestRows: rows, labels: printed.count, rendered: true)
                            } catch {
                                queue.fail(error)
                            }
                        }
                        continue
                    }
                    let output = try StreamingFileWriter(file: files[file], synchronizes: synchronizes)
                    var rows = Data()
                    if let pdfRenderer {
                        var pages: [(labels: [PrintedLabel], firstPosition: Int)] = []
                        for sheet in sheets {
                            let (printed, sheetRows) = try work.labels(ofSheet: sheet)
                            rows += sheetRows
                            pages.append((printed, plan.firstPosition(ofSheet: sheet)))
                        }
                        try pdfRenderer.render(sheets: pages, created: created, to: output)
                    } else if let zplRenderer {
                        for sheet in sheets {
                            let (printed, sheetRows) = try work.labels(ofSheet: sheet)
                            rows += sheetRows
                            for label in printed { output.append(try zplRenderer.zpl(for: label)) }
                        }
                    }
                    try output.commit()
                    queue.complete(file: file, manifestRows: rows, labels: work.labelCount(ofSheets: sheets), rendered: true)
                }
            } catch {
                queue.fail(error)
            }
        }
        sheetFiles.sync {}

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
            directory: directory, format: format, files: files, sheetCount: plan.sheetCount, renderedFiles: queue.filesRendered,
            manifest: manifestFile, record: recordFile, labelCount: batch.labels.count)
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
    let plan: BatchPlan
    let columns: Int
    let signer: LabelSigner

    /// Signs the labels of sheet `sheet` and makes its manifest rows.
    func labels(ofSheet sheet: Int) throws -> (labels: [PrintedLabel], manifestRows: Data) {
        let range = plan.labels(ofSheet: sheet)
        let first = plan.firstPosition(ofSheet: sheet)
        var printed: [PrintedLabel] = []
        printed.reserveCapacity(range.count)
        var rows = ""
        for (index, label) in labels[range].enumerated() {
            let position = first + index
            let code = try signer.code(baseURL: baseURL, label: label.id)
            let number = code.number.description
            printed.append(PrintedLabel(code: code, district: district, rescueCode: rescueCodes[number]))
            rows += "\(sheet + 1),\(position / columns + 1),\(position % columns + 1),\(number),\(code.serial),\(code.keyID),\(code.text)\n"
        }
        return (printed, Data(rows.utf8))
    }

    /// How many labels the sheets hold.
    func labelCount(ofSheets sheets: Range<Int>) -> Int {
        sheets.reduce(0) { $0 + plan.labels(ofSheet: $1).count }
    }
}
