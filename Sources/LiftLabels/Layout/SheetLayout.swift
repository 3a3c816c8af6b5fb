import Foundation

/// How labels sit on a printed sheet: page, resolution, grid, QR code and text lines.
///
/// Read from `Labels/layouts/NAME.json`; every length is in millimetres and text sizes are in
/// points. Labels fill the grid row by row from the top-left margin. A line's text may hold
/// placeholders: `{number}` (N006109), `{label}` (N006109-1), `{serial}`, `{kid}`, `{district}`
/// and, in `textWithRescueCode` only, `{rescueCode}` (the elevator's 96333 识别码).
///
/// A roll layout for a thermal printer is a 1 × 1 grid whose page is the roll label, at the
/// printer's resolution (203 or 300 dpi).
///
///     let layout = try SheetLayout(contentsOf: URL(fileURLWithPath: "Labels/layouts/a4.json"))
public struct SheetLayout: Sendable, Codable, Hashable {
    /// A width and a height in millimetres.
    public struct Size: Sendable, Codable, Hashable {
        public var width: Double
        public var height: Double

        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }
    }

    /// Page margins in millimetres: the grid stays inside them.
    public struct Margins: Sendable, Codable, Hashable {
        public var top: Double
        public var right: Double
        public var bottom: Double
        public var left: Double

        public init(top: Double, right: Double, bottom: Double, left: Double) {
            self.top = top
            self.right = right
            self.bottom = bottom
            self.left = left
        }
    }

    /// Space between neighbouring labels in millimetres.
    public struct Gap: Sendable, Codable, Hashable {
        public var horizontal: Double
        public var vertical: Double

        public init(horizontal: Double, vertical: Double) {
            self.horizontal = horizontal
            self.vertical = vertical
        }
    }

    /// The QR code of each label.
    public struct QR: Sendable, Codable, Hashable {
        /// The symbol's side without its quiet zone must be at least this (module sizes are whole pixels,
        /// so it comes out a little larger).
        public var minimumSizeMM: Double
        /// M for ordinary cars, Q for harsh places.
        public var errorCorrection: ErrorCorrectionLevel

        public init(minimumSizeMM: Double, errorCorrection: ErrorCorrectionLevel) {
            self.minimumSizeMM = minimumSizeMM
            self.errorCorrection = errorCorrection
        }
    }

    /// One centred line of text under the QR code.
    public struct Line: Sendable, Codable, Hashable {
        /// The text, with placeholders.
        public var text: String
        /// The text used instead when the elevator's 96333 rescue code is known; holds `{rescueCode}`.
        public var textWithRescueCode: String?
        /// Size in points; a line too wide for the label is drawn smaller, never clipped.
        public var sizePT: Double
        /// Extra space above the line in millimetres.
        public var spaceBeforeMM: Double?

        public init(text: String, textWithRescueCode: String? = nil, sizePT: Double, spaceBeforeMM: Double? = nil) {
            self.text = text
            self.textWithRescueCode = textWithRescueCode
            self.sizePT = sizePT
            self.spaceBeforeMM = spaceBeforeMM
        }
    }

    /// What the layout is for, shown by `labels issue`.
    public var description: String?
    /// The page size (A4: 210 × 297).
    public var pageMM: Size
    /// 300 or 600 for sheets; a roll layout names its thermal printer's 203 or 300.
    public var dpi: Int
    /// 1 (black and white) or 8 (grayscale PNG).
    public var bitDepth: Int
    public var columns: Int
    public var rows: Int
    public var marginsMM: Margins
    public var gapMM: Gap
    /// The size of one label.
    public var labelMM: Size
    /// White space inside a label's edge; at least the frame.
    public var paddingMM: Double
    /// Thickness of the cutting frame drawn round each label; 0 for none (pre-cut label stock).
    public var frameMM: Double
    public var qr: QR
    /// The text lines under the QR code, top to bottom.
    public var lines: [Line]
    /// zlib level for the PNG sheets: 0 stores them uncompressed, 1 (the default) to 9 compress them
    /// (see ``PNGSheetEncoder/compressionLevel``).
    public var pngCompressionLevel: Int?
    /// The format `labels issue` draws when no `--format` is given (png when absent).
    public var format: LabelFormat?
    /// PDF: pages a PDF file holds; ZPL: labels a ZPL file holds. Absent: one file for the whole
    /// batch. Very large batches are split so a print shop gets files of a workable size.
    public var sheetsPerFile: Int?
    /// ZPL: how many of each label the printer prints (`^PQ`); 1 when absent.
    public var copies: Int?

    /// Labels on one sheet.
    public var labelsPerSheet: Int { columns * rows }

    /// Reads and validates a layout file.
    public init(contentsOf file: URL) throws(LayoutError) {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw LayoutError("cannot read layout \(file.path): \(error.localizedDescription)")
        }
        do {
            self = try JSONDecoder().decode(SheetLayout.self, from: data)
        } catch let error as DecodingError {
            throw LayoutError("layout \(file.path): \(LayoutError.describe(error))")
        } catch {
            throw LayoutError("layout \(file.path): \(error)")
        }
        do {
            try validate()
        } catch {
            throw LayoutError("layout \(file.path): \(error.message)")
        }
    }

    /// The name a batch records for a layout file: its file name without ".json".
    public static func name(of file: URL) -> String {
        file.deletingPathExtension().lastPathComponent
    }
}
