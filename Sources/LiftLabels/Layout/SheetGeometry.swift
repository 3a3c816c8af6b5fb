import LiftCore

/// A point in pixels.
public struct PixelPoint: Sendable, Hashable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A layout turned into pixels for one deployment's codes: where each label, its QR code and its
/// lines go. Computed once per batch; every worker draws from the same geometry.
///
/// Building it is the check that a layout works: the QR code (whose version follows from the
/// length of the codes, so from the base URL) and every text line must fit inside a label.
public struct SheetGeometry: Sendable {
    /// One text line placed in a label.
    struct LinePlacement: Sendable {
        let template: LabelTextTemplate
        let templateWithRescueCode: LabelTextTemplate?
        /// The layout's size in pixels; a line too wide for the label is drawn smaller.
        let pixelSize: Int
        /// Below this a line is not drawn smaller but refused (5 pt).
        let minimumPixelSize: Int
        /// Baseline from the label's top edge.
        let baseline: Int
        /// Top and bottom of the room the line may use, from the label's top edge.
        let top: Int
        let bottom: Int
    }

    public let layout: SheetLayout
    /// The page in pixels (A4 at 300 dpi: 2480 × 3508).
    public let pageWidth: Int
    public let pageHeight: Int
    public let labelWidth: Int
    public let labelHeight: Int
    /// Each label's top-left corner on the page, row by row.
    public let labelOrigins: [PixelPoint]
    public let padding: Int
    public let frame: Int
    /// The QR version every label of the batch uses (codes of one deployment have the same length).
    public let qrVersion: Int
    /// Pixels per QR module.
    public let moduleSize: Int
    /// The symbol's top-left corner inside a label (the quiet zone lies around it).
    public let qrOrigin: PixelPoint
    let lines: [LinePlacement]

    /// Width available to text inside a label's padding.
    public var textWidth: Int { labelWidth - 2 * padding }

    /// Printed side of the QR symbol without its quiet zone, in millimetres.
    public var qrSizeMM: Double { Double(QRCode.size(ofVersion: qrVersion) * moduleSize) * 25.4 / Double(layout.dpi) }

    /// Pixels for a length in millimetres at the layout's resolution.
    public func pixels(_ millimetres: Double) -> Int {
        Int((millimetres * Double(layout.dpi) / 25.4).rounded())
    }

    /// Places everything for codes made with `baseURL` and `keyID`, measuring text with `fonts`.
    ///
    /// The QR version is that of the longest code the deployment can make (serial 9999), so all
    /// labels share one version whatever their serial. Throws ``LayoutError`` saying what does not fit.
    public init(layout: SheetLayout, baseURL: String, keyID: String, fonts: FontRenderer) throws {
        try layout.validate()
        self.layout = layout
        let toPixels = { (millimetres: Double) in Int((millimetres * Double(layout.dpi) / 25.4).rounded()) }
        pageWidth = toPixels(layout.pageMM.width)
        pageHeight = toPixels(layout.pageMM.height)
        labelWidth = toPixels(layout.labelMM.width)
        labelHeight = toPixels(layout.labelMM.height)
        var origins: [PixelPoint] = []
        for row in 0..<layout.rows {
            for column in 0..<layout.columns {
                let x = toPixels(layout.marginsMM.left + Double(column) * (layout.labelMM.width + layout.gapMM.horizontal))
                let y = toPixels(layout.marginsMM.top + Double(row) * (layout.labelMM.height + layout.gapMM.vertical))
                origins.append(PixelPoint(x: min(x, pageWidth - labelWidth), y: min(y, pageHeight - labelHeight)))
            }
        }
        labelOrigins = origins
        padding = toPixels(layout.paddingMM)
        frame = layout.frameMM > 0 ? max(1, toPixels(layout.frameMM)) : 0

        // The longest code of the deployment decides the version.
        let longest =
            LabelCode.prefix(baseURL: baseURL, number: NNumber(value: 999_999)!, serial: LabelCode.maximumSerial, keyID: keyID)
            + String(repeating: "A", count: 103)
        let sample = try QRCode(text: longest, level: layout.qr.errorCorrection)
        qrVersion = sample.version
        let modules = sample.size
        let minimumPixels = layout.qr.minimumSizeMM * Double(layout.dpi) / 25.4
        moduleSize = Int((minimumPixels / Double(modules)).rounded(.up))
        let box = (modules + 8) * moduleSize
        let level = layout.qr.errorCorrection.rawValue
        let describe = { (pixels: Int) in String(format: "%.1f mm", Double(pixels) * 25.4 / Double(layout.dpi)) }
        guard box <= labelWidth - 2 * padding else {
            throw LayoutError(
                "the QR code (version \(qrVersion), level \(level), at least \(describe(modules * moduleSize)) with "
                    + "\(moduleSize)-pixel modules) needs \(describe(box)) with its quiet zone, but a label is "
                    + "\(describe(labelWidth - 2 * padding)) wide inside its padding: use wider labels, a smaller "
                    + "qr.minimumSizeMM or a shorter base URL")
        }
        qrOrigin = PixelPoint(x: (labelWidth - box) / 2 + 4 * moduleSize, y: padding + 4 * moduleSize)

        var cursor = padding + box
        var placements: [LinePlacement] = []
        for line in layout.lines {
            let template = try LabelTextTemplate(line.text)
            let withCode = try line.textWithRescueCode.map { text throws(LayoutError) in try LabelTextTemplate(text) }
            let literals = (template.parts + (withCode?.parts ?? [])).compactMap { part -> String? in
                if case .literal(let text) = part { text } else { nil }
            }
            let missing = fonts.missingCharacters(in: literals.joined())
            guard missing.isEmpty else { throw FontError.missingCharacters(font: fonts.font.description, characters: missing) }
            let pixelSize = max(1, Int((line.sizePT / 72 * Double(layout.dpi)).rounded()))
            let top = cursor
            cursor += toPixels(line.spaceBeforeMM ?? 0)
            let metrics = try fonts.lineMetrics(pixelSize: pixelSize)
            let baseline = cursor + metrics.ascender
            cursor = baseline + metrics.descender
            placements.append(
                LinePlacement(
                    template: template, templateWithRescueCode: withCode, pixelSize: pixelSize,
                    minimumPixelSize: min(pixelSize, Int((5.0 / 72 * Double(layout.dpi)).rounded())),
                    baseline: baseline, top: top, bottom: cursor))
        }
        guard cursor <= labelHeight - padding else {
            throw LayoutError(
                "a label's content needs \(describe(cursor + padding)) of height (QR code version \(qrVersion) at level "
                    + "\(level): \(describe(box)) with its quiet zone, then \(layout.lines.count) lines of text), but labels "
                    + "are \(describe(labelHeight)) high: use taller labels (fewer rows), smaller text or a shorter base URL")
        }
        // The last line may use the room down to the padding.
        if let last = placements.popLast() {
            placements.append(
                LinePlacement(
                    template: last.template, templateWithRescueCode: last.templateWithRescueCode,
                    pixelSize: last.pixelSize, minimumPixelSize: last.minimumPixelSize, baseline: last.baseline,
                    top: last.top, bottom: labelHeight - padding))
        }
        lines = placements
    }
}
