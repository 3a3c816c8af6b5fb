/// One character rendered at one pixel size, ready to be OR-ed onto a canvas.
struct Glyph {
    /// The ink, 1 = black; empty for a space.
    let image: Bitmap
    /// From the pen position to the image's left edge, in pixels.
    let left: Int
    /// From the baseline up to the image's top edge, in pixels.
    let top: Int
    /// How far the pen moves after this glyph, in 1/64 pixel.
    let advance: Int
}

/// The extent of a line of text relative to its pen origin on the baseline, in pixels.
public struct TextExtent: Sendable, Equatable {
    /// Leftmost ink pixel (may be negative when a glyph reaches left of the pen).
    public var inkLeft: Int
    /// One past the rightmost ink pixel.
    public var inkRight: Int
    /// Ink height above the baseline.
    public var ascent: Int
    /// Ink depth below the baseline.
    public var descent: Int

    /// Width of the ink.
    public var inkWidth: Int { inkRight - inkLeft }
}
