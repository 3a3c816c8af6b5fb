import Foundation

/// What rendering a batch produced.
public struct BatchOutput: Sendable {
    /// `<out>/<batch-id>/`.
    public let directory: URL
    public let format: LabelFormat
    /// Every file of the batch, in order: a PNG a sheet, a PDF a group of pages, a ZPL file a group of labels.
    public let files: [URL]
    /// Sheets (PDF pages; for ZPL, labels) the files hold.
    public let sheetCount: Int
    /// How many files this run wrote (fewer than all when resuming).
    public let renderedFiles: Int
    public let manifest: URL
    public let record: URL
    public let labelCount: Int
}
