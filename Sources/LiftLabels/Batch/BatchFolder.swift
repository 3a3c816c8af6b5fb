import Foundation

/// `<out>/<batch-id>/`: one batch's folder, its `batch.json` and `manifest.csv`, its file names, and
/// the one way anything in it is written (``StreamingFileWriter``: a temporary file, fsynced,
/// renamed, the folder fsynced), so a file under its final name is always whole.
///
///     let folder = BatchFolder(root: URL(fileURLWithPath: "Labels/out"), batchID: "B20261125-0001")
///     let record = try folder.record()   // nil before the batch was first drawn
public struct BatchFolder: Sendable {
    /// `<out>/<batch-id>/`.
    public let directory: URL
    /// Whether files and the folder are fsynced; off only for throw-away folders.
    public let synchronizes: Bool

    public init(root: URL, batchID: String, synchronizes: Bool = true) {
        directory = root.appendingPathComponent(batchID, isDirectory: true)
        self.synchronizes = synchronizes
    }

    /// The manifest's file name in a batch folder.
    public static let manifestFileName = "manifest.csv"

    /// The manifest's first line.
    static let manifestHeader = "sheet,row,column,number,serial,key,code\n"

    /// `batch.json`.
    public var recordFile: URL { directory.appendingPathComponent(BatchRecord.fileName) }

    /// `manifest.csv`.
    public var manifestFile: URL { directory.appendingPathComponent(Self.manifestFileName) }

    /// Where a file is written before it is complete: `NAME.partial`.
    public static func partialFile(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".partial")
    }

    /// The folder's `batch.json`, or nil when there is none.
    public func record() throws -> BatchRecord? {
        try BatchRecord.read(from: recordFile)
    }

    /// Makes the folder ready to draw the batch `record` describes: creates it, writes `batch.json`
    /// or checks that the one there records the same settings (a batch is only ever drawn as it was
    /// first drawn), and removes the partial files of an interrupted run.
    func open(for record: BatchRecord) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let existing = try self.record() {
            guard existing == record else { throw BatchError.recordMismatch(path: recordFile.path) }
        } else {
            try write(Array(record.encoded()), to: recordFile)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".partial") {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Writes `bytes` to `file`, all or nothing.
    func write(_ bytes: [UInt8], to file: URL) throws(BatchFileError) {
        let writer = try StreamingFileWriter(file: file, synchronizes: synchronizes)
        writer.append(bytes)
        try writer.commit()
    }

    /// A file written piece by piece (a PDF, a ZPL file), all or nothing when committed.
    func stream(to file: URL) throws(BatchFileError) -> StreamingFileWriter {
        try StreamingFileWriter(file: file, synchronizes: synchronizes)
    }

    /// `manifest.csv` with its header line, for rows in batch order; committed when the batch is drawn.
    func startManifest() throws(BatchFileError) -> StreamingFileWriter {
        let manifest = try stream(to: manifestFile)
        manifest.append(Self.manifestHeader)
        return manifest
    }

    /// Every file of a batch drawn in `format` by `plan`, in order.
    func files(format: LabelFormat, plan: BatchPlan) -> [URL] {
        (0..<plan.fileCount).map { directory.appendingPathComponent(Self.fileName($0, format: format, plan: plan)) }
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

    /// Whether a batch file is whole, so resuming keeps it: a PNG ends with its IEND chunk, a PDF
    /// with `%%EOF`, a ZPL file with `^XZ`.
    static func isComplete(_ file: URL, format: LabelFormat) -> Bool {
        switch format {
        case .png: StreamingFileWriter.isComplete(file, head: pngSignature, tail: pngEndChunk, slack: 0)
        case .pdf: StreamingFileWriter.isComplete(file, head: Array("%PDF-".utf8), tail: Array("%%EOF".utf8), slack: 16)
        case .zpl: StreamingFileWriter.isComplete(file, head: Array("^XA".utf8), tail: Array("^XZ".utf8), slack: 16)
        }
    }

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    private static let pngEndChunk: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
}
