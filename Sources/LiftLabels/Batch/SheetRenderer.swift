import LiftCore

/// Draws sheets of labels on one reusable canvas: one per worker thread, since it owns a
/// ``FontRenderer`` (FreeType is not thread-safe) and its glyph cache.
///
/// Lines that are the same on every label are rendered once, up front; the rest are drawn glyph by
/// glyph from the cache.
public final class SheetRenderer {
    public let geometry: SheetGeometry
    /// The sheet drawn by the last ``render(_:)``, 1 = black.
    public private(set) var canvas: Bitmap
    private let fonts: FontRenderer
    /// Pre-rendered constant lines by line index.
    private let constantLines: [Int: (image: Bitmap, extent: TextExtent)]

    /// A renderer for `geometry` drawing text with its own FreeType instance of `font`.
    public init(geometry: SheetGeometry, font: FontFile) throws {
        self.geometry = geometry
        fonts = try FontRenderer(font: font)
        canvas = Bitmap(width: geometry.pageWidth, height: geometry.pageHeight)
        var constant: [Int: (image: Bitmap, extent: TextExtent)] = [:]
        for (index, line) in geometry.lines.enumerated() where line.template.isConstant && line.templateWithRescueCode == nil {
            let text = line.template.text(for: Self.placeholderCode, district: "", rescueCode: nil)
            let size = try Self.fittingPixelSize(text, line: line, width: geometry.textWidth, fonts: fonts)
            constant[index] = try fonts.render(text, pixelSize: size)
        }
        constantLines = constant
    }

    /// Draws up to a sheet of labels, in the layout's order from position `firstPosition` (0 = top
    /// left; the positions before it stay blank), on a cleared canvas.
    public func render(_ labels: some Collection<PrintedLabel>, firstPosition: Int = 0) throws {
        precondition(firstPosition >= 0 && firstPosition + labels.count <= geometry.labelOrigins.count, "at most a sheet of labels")
        canvas.clear()
        for (label, origin) in zip(labels, geometry.labelOrigins[firstPosition...]) {
            try draw(label, at: origin)
        }
    }

    private func draw(_ label: PrintedLabel, at origin: PixelPoint) throws {
        let geometry = geometry
        if geometry.frame > 0 {
            let (width, height, frame) = (geometry.labelWidth, geometry.labelHeight, geometry.frame)
            canvas.fill(x: origin.x, y: origin.y, width: width, height: frame)
            canvas.fill(x: origin.x, y: origin.y + height - frame, width: width, height: frame)
            canvas.fill(x: origin.x, y: origin.y, width: frame, height: height)
            canvas.fill(x: origin.x + width - frame, y: origin.y, width: frame, height: height)
        }

        let text = label.code.text
        let qr = try QRCode(text: text, level: geometry.layout.qr.errorCorrection, minimumVersion: geometry.qrVersion)
        guard qr.version == geometry.qrVersion else {
            throw LayoutError(
                "label \(label.code.labelID): its code needs QR version \(qr.version), larger than the batch's \(geometry.qrVersion)")
        }
        canvas.draw(qr, x: origin.x + geometry.qrOrigin.x, y: origin.y + geometry.qrOrigin.y, moduleSize: geometry.moduleSize)

        let left = origin.x + geometry.padding
        for (index, line) in geometry.lines.enumerated() {
            let baseline = origin.y + line.baseline
            let extent: TextExtent
            if let constant = constantLines[index] {
                extent = constant.extent
                canvas.draw(
                    constant.image, x: left + (geometry.textWidth - extent.inkWidth) / 2, y: baseline - extent.ascent)
            } else {
                let template = label.rescueCode.flatMap { _ in line.templateWithRescueCode } ?? line.template
                let lineText = template.text(for: label.code, district: label.district, rescueCode: label.rescueCode)
                let size = try Self.fittingPixelSize(lineText, line: line, width: geometry.textWidth, fonts: fonts)
                extent = try fonts.measure(lineText, pixelSize: size)
                let penX = left + (geometry.textWidth - extent.inkWidth) / 2 - extent.inkLeft
                try fonts.draw(lineText, pixelSize: size, x: penX, baseline: baseline, into: &canvas)
            }
            guard line.baseline - extent.ascent >= line.top, line.baseline + extent.descent <= line.bottom else {
                throw LayoutError(
                    "label \(label.code.labelID): line \(index + 1) is taller than the room the layout gives it; "
                        + "use a smaller sizePT or more spaceBeforeMM")
            }
        }
    }

    /// The layout's size for the line, or the largest size below it at which `text` fits `width`.
    static func fittingPixelSize(
        _ text: String, line: SheetGeometry.LinePlacement, width: Int, fonts: FontRenderer
    ) throws -> Int {
        var size = line.pixelSize
        var inkWidth = try fonts.measure(text, pixelSize: size).inkWidth
        while inkWidth > width {
            let smaller = min(size - 1, size * width / max(inkWidth, 1))
            guard smaller >= line.minimumPixelSize else {
                throw LayoutError("\"\(text)\" is too wide for a label even at 5 pt: use wider labels or shorter text")
            }
            size = smaller
            inkWidth = try fonts.measure(text, pixelSize: size).inkWidth
        }
        return size
    }

    /// A code to fill constant lines with (they use none of its values).
    private static let placeholderCode = LabelCode(
        baseURL: "", number: NNumber(value: 1)!, serial: 1, keyID: "K", signature: [])
}
