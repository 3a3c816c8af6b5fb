import LiftCore
import LiftCrypto

/// How a batch is drawn: its layout, font, format and the positions left blank on its first sheet.
public struct BatchDrawing: Sendable, Equatable {
    public var layout: SheetLayout
    /// The layout's name (its file name without .json), recorded in the ledger and `batch.json`.
    public var layoutName: String
    public var font: FontFile
    public var format: LabelFormat
    /// Positions left blank at the start of the first sheet (PNG and PDF).
    public var skip: Int

    public init(layout: SheetLayout, layoutName: String, font: FontFile, format: LabelFormat = .png, skip: Int = 0) {
        self.layout = layout
        self.layoutName = layoutName
        self.font = font
        self.format = format
        self.skip = skip
    }

    /// The drawing `record` describes (its layout, font, format and skip as recorded when the batch
    /// was first drawn), with `format` and `skip` when given instead.
    public init(record: BatchRecord, format: LabelFormat? = nil, skip: Int? = nil) {
        self.init(
            layout: record.layoutSettings, layoutName: record.layout, font: record.font, format: format ?? record.format ?? .png,
            skip: skip ?? record.skip ?? 0)
    }

    /// A renderer that draws this way with `signer`.
    func renderer(signer: LabelSigner) -> BatchRenderer {
        BatchRenderer(layout: layout, layoutName: layoutName, font: font, signer: signer, format: format, skip: skip)
    }
}
