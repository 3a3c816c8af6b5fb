import CCairo

/// A font face drawn through cairo-ft, so a PDF embeds the subset of it that its pages use.
///
/// Owns its cairo font face, which owns a FreeType library and face of its own; not shared between
/// threads (each batch worker opens its own).
final class CairoFontFace {
    let font: FontFile
    /// The `cairo_font_face_t`.
    let pointer: OpaquePointer

    init(font: FontFile) throws(FontError) {
        var error: Int32 = 0
        guard let face = liftcode_cairo_ft_font_face(font.path, font.faceIndex, &error) else {
            throw .cannotOpen(path: font.path, freeTypeError: error)
        }
        self.font = font
        pointer = face
    }

    deinit {
        cairo_font_face_destroy(pointer)
    }
}
