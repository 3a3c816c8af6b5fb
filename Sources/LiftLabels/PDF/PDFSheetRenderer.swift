import CCairo
import Foundation
import LiftCore

/// Draws sheets of labels as PDF pages with cairo: QR modules as vector squares (glyphs of a
/// ``QRModuleFont``, sharp at any printer resolution), text through cairo-ft from the layout's CJK
/// font, which the PDF embeds as a subset so it prints where no Chinese font is installed.
///
/// Places everything where ``SheetRenderer`` puts it on a PNG (the same ``SheetGeometry``, in
/// pixels of the layout's resolution); text is centred by cairo's own metrics. One per worker.
final class PDFSheetRenderer {
    let geometry: SheetGeometry
    private let face: CairoFontFace
    private let modules = QRModuleFont()
    private var moduleGlyphs: [cairo_glyph_t] = []
    /// Points per page side: the layout's paper, exactly.
    private let pageWidthPoints: Double
    private let pageHeightPoints: Double
    private let minimumSize: Double

    init(geometry: SheetGeometry, font: FontFile) throws(FontError) {
        self.geometry = geometry
        face = try CairoFontFace(font: font)
        pageWidthPoints = geometry.layout.pageMM.width / 25.4 * 72
        pageHeightPoints = geometry.layout.pageMM.height / 25.4 * 72
        minimumSize = 5.0 / 72 * Double(geometry.layout.dpi)
    }

    /// Writes one PDF whose pages are `sheets` (each the labels of a sheet and the position of its
    /// first label), dated `created`, to `writer`.
    func render(
        sheets: some Sequence<(labels: [PrintedLabel], firstPosition: Int)>, created: Date, to writer: StreamingFileWriter
    ) throws {
        let document = try PDFDocument(
            writer: writer, widthPoints: pageWidthPoints, heightPoints: pageHeightPoints, dotsPerInch: geometry.layout.dpi,
            created: created)
        let context = document.context
        cairo_set_font_face(context, face.pointer)
        cairo_set_source_rgb(context, 0, 0, 0)
        var drewPage = false
        for sheet in sheets {
            precondition(sheet.firstPosition + sheet.labels.count <= geometry.labelOrigins.count, "at most a sheet of labels")
            for (label, origin) in zip(sheet.labels, geometry.labelOrigins[sheet.firstPosition...]) {
                try draw(label, at: origin, in: context)
            }
            try document.showPage()
            drewPage = true
        }
        if !drewPage { try document.showPage() }
        try document.finish()
    }

    private func draw(_ label: PrintedLabel, at origin: PixelPoint, in context: OpaquePointer) throws {
        let geometry = geometry
        let x = Double(origin.x)
        let y = Double(origin.y)
        if geometry.frame > 0 {
            let (width, height, frame) = (Double(geometry.labelWidth), Double(geometry.labelHeight), Double(geometry.frame))
            cairo_rectangle(context, x, y, width, frame)
            cairo_rectangle(context, x, y + height - frame, width, frame)
            cairo_rectangle(context, x, y + frame, frame, height - 2 * frame)
            cairo_rectangle(context, x + width - frame, y + frame, frame, height - 2 * frame)
            cairo_fill(context)
        }

        let qr = try QRCode(text: label.code.text, level: geometry.layout.qr.errorCorrection, minimumVersion: geometry.qrVersion)
        guard qr.version == geometry.qrVersion else {
            throw LayoutError(
                "label \(label.code.labelID): its code needs QR version \(qr.version), larger than the batch's \(geometry.qrVersion)")
        }
        drawModules(of: qr, x: x + Double(geometry.qrOrigin.x), y: y + Double(geometry.qrOrigin.y), in: context)

        let left = x + Double(geometry.padding)
        let width = Double(geometry.textWidth)
        for line in geometry.lines {
            let template = label.rescueCode.flatMap { _ in line.templateWithRescueCode } ?? line.template
            let text = template.text(for: label.code, district: label.district, rescueCode: label.rescueCode)
            var size = Double(line.pixelSize)
            cairo_set_font_size(context, size)
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, text, &extents)
            if extents.width > width {
                size = (size * width / extents.width * 100).rounded(.down) / 100
                guard size >= minimumSize else {
                    throw LayoutError("\"\(text)\" is too wide for a label even at 5 pt: use wider labels or shorter text")
                }
                cairo_set_font_size(context, size)
                cairo_text_extents(context, text, &extents)
            }
            cairo_move_to(context, left + (width - extents.width) / 2 - extents.x_bearing, y + Double(line.baseline))
            cairo_show_text(context, text)
        }
    }

    /// Shows the QR code as glyphs of the module font, then returns to the text font.
    private func drawModules(of qr: QRCode, x: Double, y: Double, in context: OpaquePointer) {
        let moduleSize = Double(geometry.moduleSize)
        QRModuleFont.glyphs(for: qr, x: x, y: y, moduleSize: moduleSize, into: &moduleGlyphs)
        cairo_set_font_face(context, modules.pointer)
        cairo_set_font_size(context, moduleSize * Double(QRModuleFont.modulesPerGlyph))
        cairo_show_glyphs(context, moduleGlyphs, Int32(moduleGlyphs.count))
        cairo_set_font_face(context, face.pointer)
    }
}
