import LiftCore

/// Writes labels as ZPL II for Zebra-compatible thermal printers: one `^XA…^XZ` a label.
///
/// The printer draws the QR code itself (`^BQ`, model 2, the layout's error-correction level, the
/// code in alphanumeric mode) with the module size of the layout's geometry, and prints lines of
/// plain ASCII (the N-number, the footer) in its scalable font 0. Lines with Chinese (or any other
/// character a printer font may lack) are rendered by our FreeType exactly as on a PNG, and sent as
/// `^GF` graphic fields; those the same on every label are encoded once. One per worker.
final class ZPLLabelRenderer {
    let geometry: SheetGeometry
    private let fonts: FontRenderer
    private let copies: Int
    /// The `^GF` commands, with their `^FO`, of lines that are the same on every label, by line index.
    private let constantGraphics: [Int: String]
    /// Everything before the QR code: page size, home, and the frame.
    private let header: String

    /// A renderer for `geometry`, which must be a roll layout (one label a page) whose QR module
    /// size the printer can draw (1 to 10 dots).
    init(geometry: SheetGeometry, font: FontFile, copies: Int) throws {
        try Self.check(geometry)
        self.geometry = geometry
        fonts = try FontRenderer(font: font)
        self.copies = copies
        let origin = geometry.labelOrigins[0]
        var header = "^XA\n^PW\(geometry.pageWidth)\n^LL\(geometry.pageHeight)\n^LH0,0\n^CI0\n"
        if geometry.frame > 0 {
            header += "^FO\(origin.x),\(origin.y)^GB\(geometry.labelWidth),\(geometry.labelHeight),\(geometry.frame)^FS\n"
        }
        self.header = header
        var constant: [Int: String] = [:]
        for (index, line) in geometry.lines.enumerated() where line.template.isConstant && line.templateWithRescueCode == nil {
            let text = line.template.text(for: Self.placeholderCode, district: "", rescueCode: nil)
            if !Self.isPrinterText(text) {
                constant[index] = try Self.graphic(text, line: line, origin: origin, geometry: geometry, fonts: fonts)
            }
        }
        constantGraphics = constant
    }

    /// Whether `geometry` can be printed as ZPL; throws a ``LayoutError`` saying what to change.
    static func check(_ geometry: SheetGeometry) throws(LayoutError) {
        let layout = geometry.layout
        guard layout.columns == 1, layout.rows == 1 else {
            throw LayoutError(
                "ZPL prints one label at a time from a roll: use a roll layout (1 column, 1 row, the page the size of the label), "
                    + "such as Labels/layouts/roll-60x40.json, not a sheet of \(layout.columns) × \(layout.rows)")
        }
        guard layout.dpi == 203 || layout.dpi == 300 else {
            throw LayoutError("ZPL layouts name the printer's resolution: dpi must be 203 or 300, not \(layout.dpi)")
        }
        guard (1...10).contains(geometry.moduleSize) else {
            throw LayoutError(
                "a ZPL printer draws QR modules of 1 to 10 dots, but this layout needs \(geometry.moduleSize): "
                    + "use a smaller qr.minimumSizeMM")
        }
    }

    /// The ZPL of one label.
    func zpl(for label: PrintedLabel) throws -> String {
        let geometry = geometry
        let code = label.code.text
        guard QRCode.isAlphanumeric(Array(code.utf8)) else {
            throw LayoutError("label \(label.code.labelID): its code is not in the QR alphanumeric set")
        }
        let origin = geometry.labelOrigins[0]
        let level = geometry.layout.qr.errorCorrection.rawValue
        var zpl = header
        zpl += "^FO\(origin.x + geometry.qrOrigin.x),\(origin.y + geometry.qrOrigin.y)"
        zpl += "^BQN,2,\(geometry.moduleSize)^FD\(level)M,A\(code)^FS\n"
        for (index, line) in geometry.lines.enumerated() {
            if let graphic = constantGraphics[index] {
                zpl += graphic
                continue
            }
            let template = label.rescueCode.flatMap { _ in line.templateWithRescueCode } ?? line.template
            let text = template.text(for: label.code, district: label.district, rescueCode: label.rescueCode)
            if Self.isPrinterText(text) {
                // Font 0 of height h has its baseline about 3/4 h below the field's top.
                let height = line.pixelSize
                zpl += "^FO\(origin.x + geometry.padding),\(origin.y + line.baseline - height * 3 / 4)"
                zpl += "^A0N,\(height),\(height)^FB\(geometry.textWidth),1,0,C,0^FD\(text)^FS\n"
            } else {
                zpl += try Self.graphic(text, line: line, origin: origin, geometry: geometry, fonts: fonts)
            }
        }
        zpl += "^PQ\(copies)\n^XZ\n"
        return zpl
    }

    /// Whether a line can go to the printer as text: printable ASCII without ZPL's command
    /// characters `^` and `~`, so a value can never inject a command.
    static func isPrinterText(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "^") && $0 != UInt8(ascii: "~") }
    }

    /// A line drawn by FreeType where ``SheetRenderer`` draws it, as `^FO…^GF…^FS`.
    private static func graphic(
        _ text: String, line: SheetGeometry.LinePlacement, origin: PixelPoint, geometry: SheetGeometry, fonts: FontRenderer
    ) throws -> String {
        let size = try SheetRenderer.fittingPixelSize(text, line: line, width: geometry.textWidth, fonts: fonts)
        let (image, extent) = try fonts.render(text, pixelSize: size)
        let x = origin.x + geometry.padding + (geometry.textWidth - extent.inkWidth) / 2
        let y = origin.y + line.baseline - extent.ascent
        guard image.width > 0, image.height > 0 else { return "" }
        return "^FO\(x),\(y)" + ZPLGraphicField.command(for: image) + "^FS\n"
    }

    /// A code to fill constant lines with (they use none of its values).
    private static let placeholderCode = LabelCode(
        baseURL: "", number: NNumber(value: 1)!, serial: 1, keyID: "K", signature: [])
}
