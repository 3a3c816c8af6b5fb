/// What a batch is drawn as: PNG sheets, PDF documents of sheets, or ZPL for thermal roll printers.
public enum LabelFormat: String, Sendable, Codable, Hashable, CaseIterable, CustomStringConvertible {
    /// One 1-bit or 8-bit PNG a sheet, carrying its physical resolution.
    case png
    /// PDF documents whose pages are the layout's paper: vector QR modules, the font embedded as a subset.
    case pdf
    /// One `^XA…^XZ` label an elevator for a Zebra-compatible printer; needs a roll layout (1 × 1).
    case zpl

    public var description: String { rawValue }

    /// The file name extension of the format's files.
    public var fileExtension: String { rawValue }
}
