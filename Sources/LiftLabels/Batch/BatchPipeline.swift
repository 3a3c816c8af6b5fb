import Dispatch
import Foundation

/// The workers that draw one batch's files into its folder.
///
/// Each of `workerCount` workers takes the next file from a ``BatchWorkQueue``, keeps it when it is
/// already complete, else signs and draws its labels with its own FreeType renderer, glyph cache and
/// canvas (PNG) or cairo document (PDF). PNG sheets go to one file thread that writes each through
/// the folder, so the cores never wait for the disk; a semaphore bounds the encoded sheets waiting
/// for it (at most two per worker, ≈75 KB each). A PDF or ZPL file is streamed to disk by the
/// worker that draws it. Manifest rows reach the manifest in file order.
struct BatchPipeline: Sendable {
    let geometry: SheetGeometry
    let font: FontFile
    let format: LabelFormat
    let plan: BatchPlan
    let work: SheetWork
    let folder: BatchFolder
    /// The batch's files, in order.
    let files: [URL]
    /// The PDF's creation date (batch.json's).
    let created: Date
    let workerCount: Int

    /// Draws every file that is not complete yet and commits the manifest; returns how many files
    /// it drew. On failure nothing is left under the manifest's name.
    func run(progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) throws -> Int {
        let manifest = try folder.startManifest()
        let queue = BatchWorkQueue(fileCount: plan.fileCount, totalLabels: work.labels.count, manifest: manifest, progress: progress)
        let sheetFiles = DispatchQueue(label: "liftcode.batch.sheet-files")
        let waitingSheets = DispatchSemaphore(value: 2 * workerCount)
        DispatchQueue.concurrentPerform(iterations: min(workerCount, max(plan.fileCount, 1))) { _ in
            do {
                switch format {
                case .png: try drawSheets(queue: queue, sheetFiles: sheetFiles, waitingSheets: waitingSheets)
                case .pdf, .zpl: try drawStreamedFiles(queue: queue)
                }
            } catch {
                queue.fail(error)
            }
        }
        sheetFiles.sync {}
        if let failure = queue.firstFailure {
            manifest.discard()
            throw failure
        }
        try manifest.commit()
        return queue.filesRendered
    }

    /// One worker's loop for PNG sheets: draw and encode here, write on the file thread.
    private func drawSheets(queue: BatchWorkQueue, sheetFiles: DispatchQueue, waitingSheets: DispatchSemaphore) throws {
        let layout = geometry.layout
        let renderer = try SheetRenderer(geometry: geometry, font: font)
        let encoder = try PNGSheetEncoder(
            dotsPerInch: layout.dpi, bitDepth: layout.bitDepth, compressionLevel: layout.pngCompressionLevel ?? 1)
        let (folder, files) = (folder, files)
        while let file = queue.takeFile() {
            if try keepComplete(file, queue: queue) { continue }
            let (printed, rows) = try work.labels(ofSheet: file)
            try renderer.render(printed, firstPosition: plan.firstPosition(ofSheet: file))
            let png = try encoder.encode(renderer.canvas)
            waitingSheets.wait()
            sheetFiles.async {
                defer { waitingSheets.signal() }
                guard queue.firstFailure == nil else { return }  // the batch is stopping
                do {
                    try folder.write(png, to: files[file])
                    queue.complete(file: file, manifestRows: rows, labels: printed.count, rendered: true)
                } catch {
                    queue.fail(error)
                }
            }
        }
    }

    /// One worker's loop for PDF and ZPL files, each streamed to disk as it is drawn.
    private func drawStreamedFiles(queue: BatchWorkQueue) throws {
        let pdfRenderer = format == .pdf ? try PDFSheetRenderer(geometry: geometry, font: font) : nil
        let zplRenderer = format == .zpl ? try ZPLLabelRenderer(geometry: geometry, font: font, copies: geometry.layout.copies ?? 1) : nil
        while let file = queue.takeFile() {
            if try keepComplete(file, queue: queue) { continue }
            let sheets = plan.sheets(ofFile: file)
            let output = try folder.stream(to: files[file])
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
    }

    /// Hands the manifest rows of `file` on without drawing it when it is already complete.
    private func keepComplete(_ file: Int, queue: BatchWorkQueue) throws -> Bool {
        guard BatchFolder.isComplete(files[file], format: format) else { return false }
        let sheets = plan.sheets(ofFile: file)
        var rows = Data()
        for sheet in sheets { rows += try work.labels(ofSheet: sheet).manifestRows }
        queue.complete(file: file, manifestRows: rows, labels: work.labelCount(ofSheets: sheets), rendered: false)
        return true
    }
}
