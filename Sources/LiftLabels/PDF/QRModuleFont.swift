import CCairo

/// A cairo user font whose glyph `n` is a row of eight QR modules, the bits of `n` from the most
/// significant, each a filled square: a PDF gets it as a Type 3 font of vector squares.
///
/// A QR code is then one line of glyphs a module row instead of a path of rectangles. cairo writes
/// each glyph's squares once a document and each code as a few hex digits a row, so a label costs a
/// few hundred bytes and little work, where a path costs kilobytes of coordinates to format and
/// compress. Drawn at a font size of eight modules, a glyph is eight modules wide and one high,
/// sitting on its baseline. Owns its cairo font face; one per worker.
final class QRModuleFont {
    /// The `cairo_font_face_t`.
    let pointer: OpaquePointer

    /// Modules a glyph covers.
    static let modulesPerGlyph = 8

    /// How far, in modules, each dark square reaches past its edges. A rasterizer places each glyph
    /// on whole device pixels, so squares meeting exactly at glyph edges can leave hairline gaps
    /// across dark areas (poppler leaves one-pixel lines through finder patterns at 300 dpi); an
    /// overlap of 1/16 module closes them and darkens modules by far less than printing does.
    static let bleed = 1.0 / 16

    init() {
        pointer = cairo_user_font_face_create()
        cairo_user_font_face_set_render_glyph_func(pointer) { _, glyph, context, extents in
            guard let context, let extents else { return CAIRO_STATUS_USER_FONT_ERROR }
            let module = 1 / Double(QRModuleFont.modulesPerGlyph)
            let bleed = module * QRModuleFont.bleed
            for bit in 0..<QRModuleFont.modulesPerGlyph where glyph & (0x80 >> UInt(bit)) != 0 {
                cairo_rectangle(context, Double(bit) * module - bleed, -module - bleed, module + 2 * bleed, module + 2 * bleed)
            }
            cairo_fill(context)
            extents.pointee = cairo_text_extents_t(
                x_bearing: -bleed, y_bearing: -module - bleed, width: 1 + 2 * bleed, height: module + 2 * bleed, x_advance: 1,
                y_advance: 0)
            return CAIRO_STATUS_SUCCESS
        }
    }

    deinit {
        cairo_font_face_destroy(pointer)
    }

    /// The glyphs that draw `qr` with its top-left module at (`x`, `y`), modules `moduleSize` units
    /// square, appended to `glyphs` (cleared first). Draw them at a font size of 8 × `moduleSize`.
    static func glyphs(for qr: QRCode, x: Double, y: Double, moduleSize: Double, into glyphs: inout [cairo_glyph_t]) {
        glyphs.removeAll(keepingCapacity: true)
        let size = qr.size
        let perRow = (size + modulesPerGlyph - 1) / modulesPerGlyph
        qr.modules.withUnsafeBufferPointer { modules in
            for row in 0..<size {
                let baseline = y + Double(row + 1) * moduleSize
                for block in 0..<perRow {
                    var pattern: UInt = 0
                    for bit in 0..<modulesPerGlyph {
                        let column = block * modulesPerGlyph + bit
                        if column < size, modules[row * size + column] != 0 { pattern |= 0x80 >> UInt(bit) }
                    }
                    glyphs.append(
                        cairo_glyph_t(index: pattern, x: x + Double(block * modulesPerGlyph) * moduleSize, y: baseline))
                }
            }
        }
    }
}
