import Foundation
import LiftCore
import LiftCrypto

/// Renders an issued batch into `<out>/<batch-id>/`: its files (PNG sheets, PDF documents or ZPL
/// files), `manifest.csv` and `batch.json`.
///
/// The ledger has already recorded the batch; this only draws it. Drawing is deterministic
/// (Ed25519 signatures are), and a file that exists complete under its final name is kept, so
/// rendering a batch folder again (`labels resume`) redraws exactly the missing or broken files,
/// byte for byte. The renderer checks the batch and sets up its ``BatchFolder``; a ``BatchPipeline``
/// of `workerCount` workers draws the files.
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
    /// Whether each file and the batch folder are fsynced when a file is written (see
    /// ``BatchFolder/synchronizes``).
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
    /// does not fit a sheet. ``BatchIssuer`` calls it before the ledger records anything.
    public func geometry(baseURL: String) throws -> SheetGeometry {
        try geometry(baseURL: baseURL, fonts: FontRenderer(font: font))
    }

    private func geometry(baseURL: String, fonts: FontRenderer) throws -> SheetGeometry {
        guard skip == 0 || (format != .zpl && skip > 0 && skip < layout.labelsPerSheet) else {
            throw BatchError.badSkip(skip: skip, labelsPerSheet: layout.labelsPerSheet, format: format)
        }
        let geometry = try SheetGeometry(layout: layout, baseURL: baseURL, keyID: signer.keyID, fonts: fonts)
        if format == .zpl { try ZPLLabelRenderer.check(geometry) }
        return geometry
    }

    /// Renders `batch` into `outputRoot/<batch-id>/`, keeping files that are already complete.
    ///
    /// - Parameters:
    ///   - rescueCodes: 96333 rescue codes by number; may hold more numbers than the batch.
    ///   - progress: called from worker threads and the file thread, one call at a time, with labels
    ///     done and total.
    public func render(
        _ batch: IssuedBatch, rescueCodes: [NNumber: String] = [:], into outputRoot: URL,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> BatchOutput {
        try render(batch, geometry: nil, rescueCodes: rescueCodes, into: outputRoot, progress: progress)
    }

    /// Renders `batch` with `geometry` when ``geometry(baseURL:)`` already computed it for the
    /// batch's base URL (``BatchIssuer`` does, before the ledger records the batch).
    func render(
        _ batch: IssuedBatch, geometry: SheetGeometry?, rescueCodes: [NNumber: String], into outputRoot: URL,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    ) throws -> BatchOutput {
        let summary = batch.summary
        guard summary.keyID == signer.keyID, batch.labels.allSatisfy({ $0.keyID == signer.keyID }) else {
            throw BatchError.keyMismatch(batch: summary.id, batchKey: summary.keyID, signerKey: signer.keyID)
        }
        let fonts = try FontRenderer(font: font)
        let geometry = try geometry ?? self.geometry(baseURL: summary.baseURL, fonts: fonts)
        let printedRescueCodes = try checkedRescueCodes(rescueCodes, for: batch, fonts: fonts)
        let plan = BatchPlan(labelCount: batch.labels.count, layout: layout, format: format, skip: skip)
        let record = record(of: batch, sheets: plan.sheetCount, rescueCodes: printedRescueCodes)
        let folder = BatchFolder(root: outputRoot, batchID: summary.id, synchronizes: synchronizesSheets)
        try folder.open(for: record)
        let files = folder.files(format: format, plan: plan)
        let pipeline = BatchPipeline(
            geometry: geometry, font: font, format: format, plan: plan,
            work: SheetWork(
                labels: batch.labels, baseURL: summary.baseURL, district: summary.district.name,
                rescueCodes: printedRescueCodes, plan: plan, columns: layout.columns, signer: signer),
            folder: folder, files: files, created: record.created, workerCount: workerCount)
        let rendered = try pipeline.run(progress: progress)
        return BatchOutput(
            directory: folder.directory, format: format, files: files, sheetCount: plan.sheetCount, renderedFiles: rendered,
            manifest: folder.manifestFile, record: folder.recordFile, labelCount: batch.labels.count)
    }

    /// "sheet-0001.png": four digits, more for a batch of more than 9999 sheets.
    public static func sheetFileName(_ index: Int, sheetCount: Int) -> String {
        BatchFolder.sheetFileName(index, sheetCount: sheetCount)
    }

    /// The manifest's file name in a batch folder.
    public static let manifestFileName = BatchFolder.manifestFileName

    /// What `batch.json` records of `batch` drawn by this renderer.
    private func record(of batch: IssuedBatch, sheets: Int, rescueCodes: [String: String]) -> BatchRecord {
        let summary = batch.summary
        let numbers = batch.labels.map(\.id.number)
        return BatchRecord(
            batch: summary.id, district: summary.district,
            range: numbers.min().map { BatchRecord.NumberRange(first: $0, last: numbers.max()!) },
            count: batch.labels.count, key: summary.keyID, baseURL: summary.baseURL, layout: layoutName,
            // batch.json keeps whole seconds (ISO 8601), so the record compares equal when read back.
            created: Date(timeIntervalSince1970: summary.createdAt.timeIntervalSince1970.rounded(.down)), sheets: sheets,
            labelsPerSheet: layout.labelsPerSheet, layoutSettings: layout, font: font, rescueCodes: rescueCodes,
            format: format == .png ? nil : format, skip: skip == 0 ? nil : skip)
    }

    /// The rescue codes of the batch's elevators, trimmed, refusing characters the font cannot draw.
    private func checkedRescueCodes(_ codes: [NNumber: String], for batch: IssuedBatch, fonts: FontRenderer) throws -> [String: String] {
        var printed: [String: String] = [:]
        for label in batch.labels {
            guard let code = codes[label.id.number]?.trimmed, !code.isEmpty else { continue }
            printed[label.id.number.description] = code
        }
        for (number, code) in printed.sorted(by: { $0.key < $1.key }) {
            let missing = fonts.missingCharacters(in: code)
            guard missing.isEmpty else {
                throw BatchError.unprintableRescueCode(number: number, code: code, font: font.description)
            }
        }
        return printed
    }
}
