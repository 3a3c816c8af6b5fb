import CFreeType

/// Draws text with FreeType into 1-bit bitmaps, caching every glyph it renders.
///
/// FreeType's `FT_Library` and `FT_Face` must not be shared between threads, so a renderer is
/// confined to one thread (it is deliberately not `Sendable`): a batch gives each worker its own.
/// Glyphs are rendered anti-aliased and thresholded at half coverage, which keeps strokes of small
/// Chinese characters even at 300 dpi; the cache makes a label's text a few bit copies.
public final class FontRenderer {
    /// The font face this renderer draws with.
    public let font: FontFile
    /// The face's family name, as the font names itself.
    public let familyName: String
    /// How many faces the font file holds (more than one for a .ttc collection).
    public let faceCount: Int

    private let library: FT_Library
    private let face: FT_Face
    private var currentPixelSize = 0
    private var glyphs: [UInt64: Glyph] = [:]

    /// Opens `font` with a FreeType library of its own.
    public init(font: FontFile) throws(FontError) {
        var library: FT_Library?
        let initError = FT_Init_FreeType(&library)
        guard initError == 0, let library else { throw .cannotOpen(path: font.path, freeTypeError: initError) }
        var face: FT_Face?
        let openError = FT_New_Face(library, font.path, FT_Long(font.faceIndex), &face)
        guard openError == 0, let face else {
            FT_Done_FreeType(library)
            throw .cannotOpen(path: font.path, freeTypeError: openError)
        }
        self.font = font
        self.library = library
        self.face = face
        familyName = face.pointee.family_name.map { String(cString: $0) } ?? ""
        faceCount = Int(face.pointee.num_faces)
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// The characters of `text` the font has no glyph for (white space excepted), without repeats.
    public func missingCharacters(in text: String) -> String {
        var missing = ""
        for character in text where !character.isWhitespace && !missing.contains(character) {
            if character.unicodeScalars.contains(where: { FT_Get_Char_Index(face, FT_ULong($0.value)) == 0 }) {
                missing.append(character)
            }
        }
        return missing
    }

    /// The font's ascender and descender at `pixelSize`, in whole pixels (both positive): the room a
    /// line needs whatever its text, used to place lines before any text is known.
    public func lineMetrics(pixelSize: Int) throws(FontError) -> (ascender: Int, descender: Int) {
        try setPixelSize(pixelSize)
        let metrics = face.pointee.size.pointee.metrics
        return (Int((metrics.ascender + 63) >> 6), Int((-metrics.descender + 63) >> 6))
    }

    /// The ink extent of `text` drawn from a pen at 0 on the baseline.
    public func measure(_ text: String, pixelSize: Int) throws(FontError) -> TextExtent {
        var extent = TextExtent(inkLeft: Int.max, inkRight: Int.min, ascent: 0, descent: 0)
        var pen = 0
        for scalar in text.unicodeScalars {
            let glyph = try self.glyph(for: scalar, pixelSize: pixelSize)
            if glyph.image.width > 0, glyph.image.height > 0 {
                let left = (pen + 32) >> 6 + glyph.left
                extent.inkLeft = min(extent.inkLeft, left)
                extent.inkRight = max(extent.inkRight, left + glyph.image.width)
                extent.ascent = max(extent.ascent, glyph.top)
                extent.descent = max(extent.descent, glyph.image.height - glyph.top)
            }
            pen += glyph.advance
        }
        if extent.inkLeft > extent.inkRight {
            extent.inkLeft = 0
            extent.inkRight = 0
        }
        return extent
    }

    /// Draws `text` with its pen starting at `x` on the baseline `baseline`.
    public func draw(_ text: String, pixelSize: Int, x: Int, baseline: Int, into bitmap: inout Bitmap) throws(FontError) {
        var pen = 0
        for scalar in text.unicodeScalars {
            let glyph = try self.glyph(for: scalar, pixelSize: pixelSize)
            bitmap.draw(glyph.image, x: x + (pen + 32) >> 6 + glyph.left, y: baseline - glyph.top)
            pen += glyph.advance
        }
    }

    /// Renders `text` once into a bitmap of its own ink, for a line that is the same on every label.
    /// Returns the image and where its top-left corner sits relative to the pen origin on the baseline.
    public func render(_ text: String, pixelSize: Int) throws(FontError) -> (image: Bitmap, extent: TextExtent) {
        let extent = try measure(text, pixelSize: pixelSize)
        var image = Bitmap(width: extent.inkWidth, height: extent.ascent + extent.descent)
        try draw(text, pixelSize: pixelSize, x: -extent.inkLeft, baseline: extent.ascent, into: &image)
        return (image, extent)
    }

    /// The cached glyph of `scalar` at `pixelSize`, rendering it on first use.
    func glyph(for scalar: Unicode.Scalar, pixelSize: Int) throws(FontError) -> Glyph {
        let key = UInt64(pixelSize) << 32 | UInt64(scalar.value)
        if let glyph = glyphs[key] { return glyph }
        let glyph = try renderGlyph(scalar, pixelSize: pixelSize)
        glyphs[key] = glyph
        return glyph
    }

    private func setPixelSize(_ pixelSize: Int) throws(FontError) {
        guard pixelSize != currentPixelSize else { return }
        let error = FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixelSize))
        guard error == 0 else { throw .renderingFailed(font: font.description, freeTypeError: error) }
        currentPixelSize = pixelSize
    }

    private func renderGlyph(_ scalar: Unicode.Scalar, pixelSize: Int) throws(FontError) -> Glyph {
        try setPixelSize(pixelSize)
        let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
        let error = FT_Load_Glyph(face, index, liftcode_FT_LOAD_RENDER_GRAY())
        guard error == 0, let slot = face.pointee.glyph else {
            throw .renderingFailed(font: font.description, freeTypeError: error)
        }
        let source = slot.pointee.bitmap
        let width = Int(source.width)
        let height = Int(source.rows)
        let bytesPerRow = (width + 7) / 8
        var packed = [UInt8](repeating: 0, count: bytesPerRow * height)
        if width > 0, height > 0, let buffer = source.buffer {
            let pitch = Int(source.pitch)
            let isMono = source.pixel_mode == UInt8(FT_PIXEL_MODE_MONO.rawValue)
            for row in 0..<height {
                let sourceRow = buffer + row * pitch
                for column in 0..<width {
                    let inked =
                        isMono
                        ? sourceRow[column >> 3] & (0x80 >> UInt8(column & 7)) != 0
                        : sourceRow[column] >= 128
                    if inked { packed[row * bytesPerRow + column >> 3] |= 0x80 >> UInt8(column & 7) }
                }
            }
        }
        return Glyph(
            image: Bitmap(width: width, height: height, packedRows: packed),
            left: Int(slot.pointee.bitmap_left),
            top: Int(slot.pointee.bitmap_top),
            advance: Int(slot.pointee.advance.x))
    }
}
