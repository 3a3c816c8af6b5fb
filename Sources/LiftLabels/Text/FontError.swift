/// Why text cannot be drawn, worded for the person at the terminal.
public enum FontError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No font on the system has the Chinese characters a label needs.
    case noChineseFont
    /// FreeType could not open the file as a font.
    case cannotOpen(path: String, freeTypeError: Int32)
    /// The font lacks characters the labels use.
    case missingCharacters(font: String, characters: String)
    /// FreeType failed to size or render a glyph.
    case renderingFailed(font: String, freeTypeError: Int32)

    /// The Debian package with the smallest complete CJK font.
    public static let recommendedPackage = "fonts-wqy-microhei"

    public var description: String {
        switch self {
        case .noChineseFont:
            "no font with Chinese characters was found: install one with `sudo apt-get install \(Self.recommendedPackage)` "
                + "(Debian or Ubuntu), or name a CJK font file with --font PATH"
        case .cannotOpen(let path, let code):
            "cannot open font \(path) (FreeType error \(code)): is it a TrueType or OpenType font file?"
        case .missingCharacters(let font, let characters):
            "font \(font) has no glyphs for \"\(characters)\": choose a CJK font such as \(Self.recommendedPackage)'s "
                + "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
        case .renderingFailed(let font, let code):
            "FreeType error \(code) while rendering with font \(font)"
        }
    }
}
