/// A 1-bit image as a ZPL `^GF` graphic field in ASCII hex (format A), two hex digits a byte, rows
/// packed as the image holds them, 1 = black as the printer takes it.
///
/// ZPL's run-length compression of the hex and its `:Z64:` form would be smaller, but printers of
/// other makes that speak ZPL, and ZPL checkers, do not all read them; plain hex every one does.
enum ZPLGraphicField {
    /// `^GFA,total,total,bytesPerRow,data` for `image`.
    static func command(for image: Bitmap) -> String {
        let total = image.bytesPerRow * image.height
        var text: [UInt8] = Array("^GFA,\(total),\(total),\(image.bytesPerRow),".utf8)
        text.reserveCapacity(text.count + 2 * total)
        for byte in image.bytes {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
