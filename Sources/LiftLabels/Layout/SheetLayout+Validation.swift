import LiftCore

extension SheetLayout {
    /// Checks what can be checked without a font or a code: resolution, bit depth, that the grid of
    /// labels fits the page inside its margins, sizes, and the text lines' placeholders.
    /// Whether the QR code and text fit inside a label is checked by ``SheetGeometry``.
    public func validate() throws(LayoutError) {
        guard [203, 300, 600].contains(dpi) else {
            throw LayoutError("dpi must be 300 or 600 (sheets), or 203 or 300 (thermal printers), not \(dpi)")
        }
        guard bitDepth == 1 || bitDepth == 8 else { throw LayoutError("bitDepth must be 1 or 8, not \(bitDepth)") }
        guard (1...50).contains(columns), (1...50).contains(rows) else {
            throw LayoutError("columns and rows must be 1 to 50, not \(columns) × \(rows)")
        }
        let lengths: [(String, Double)] = [
            ("pageMM.width", pageMM.width), ("pageMM.height", pageMM.height),
            ("labelMM.width", labelMM.width), ("labelMM.height", labelMM.height),
            ("marginsMM.top", marginsMM.top), ("marginsMM.right", marginsMM.right),
            ("marginsMM.bottom", marginsMM.bottom), ("marginsMM.left", marginsMM.left),
            ("gapMM.horizontal", gapMM.horizontal), ("gapMM.vertical", gapMM.vertical),
            ("paddingMM", paddingMM), ("frameMM", frameMM), ("qr.minimumSizeMM", qr.minimumSizeMM),
        ]
        for (name, value) in lengths where !value.isFinite || value < 0 || value > 2000 {
            throw LayoutError("\(name) must be a length from 0 to 2000 mm, not \(value)")
        }
        for (name, value) in [("pageMM", pageMM), ("labelMM", labelMM)] where value.width <= 0 || value.height <= 0 {
            throw LayoutError("\(name) must have a width and a height above 0")
        }
        let gridWidth = Double(columns) * labelMM.width + Double(columns - 1) * gapMM.horizontal
        let roomWidth = pageMM.width - marginsMM.left - marginsMM.right
        guard gridWidth <= roomWidth + 1e-6 else {
            throw LayoutError(
                "\(columns) columns of \(mm(labelMM.width)) labels with \(mm(gapMM.horizontal)) gaps need \(mm(gridWidth)), "
                    + "but the page leaves \(mm(roomWidth)) between its margins: use fewer columns or narrower labels")
        }
        let gridHeight = Double(rows) * labelMM.height + Double(rows - 1) * gapMM.vertical
        let roomHeight = pageMM.height - marginsMM.top - marginsMM.bottom
        guard gridHeight <= roomHeight + 1e-6 else {
            throw LayoutError(
                "\(rows) rows of \(mm(labelMM.height)) labels with \(mm(gapMM.vertical)) gaps need \(mm(gridHeight)), "
                    + "but the page leaves \(mm(roomHeight)) between its margins: use fewer rows or shorter labels")
        }
        guard paddingMM >= frameMM else {
            throw LayoutError("paddingMM (\(mm(paddingMM))) must be at least frameMM (\(mm(frameMM)))")
        }
        guard qr.minimumSizeMM >= 10 else {
            throw LayoutError("qr.minimumSizeMM must be at least 10 mm for a phone to read the code, not \(mm(qr.minimumSizeMM))")
        }
        if let level = pngCompressionLevel, !(0...9).contains(level) {
            throw LayoutError("pngCompressionLevel must be 0 to 9")
        }
        if let sheetsPerFile, !(1...100_000).contains(sheetsPerFile) {
            throw LayoutError("sheetsPerFile must be 1 to 100000, not \(sheetsPerFile)")
        }
        if let copies, !(1...999).contains(copies) {
            throw LayoutError("copies must be 1 to 999, not \(copies)")
        }
        guard !lines.isEmpty else { throw LayoutError("a label needs at least one text line (the N-number)") }
        for (index, line) in lines.enumerated() {
            let position = "lines[\(index)]"
            guard line.sizePT.isFinite, (4...96).contains(line.sizePT) else {
                throw LayoutError("\(position).sizePT must be 4 to 96 points, not \(line.sizePT)")
            }
            guard (line.spaceBeforeMM ?? 0).isFinite, (0...100).contains(line.spaceBeforeMM ?? 0) else {
                throw LayoutError("\(position).spaceBeforeMM must be 0 to 100 mm")
            }
            guard !line.text.trimmed.isEmpty else { throw LayoutError("\(position).text is empty") }
            do throws(LayoutError) {
                let plain = try LabelTextTemplate(line.text)
                guard !plain.usesRescueCode else {
                    throw LayoutError("{rescueCode} belongs in textWithRescueCode, which is used when the code is known")
                }
                if let withCode = line.textWithRescueCode {
                    guard try LabelTextTemplate(withCode).usesRescueCode else {
                        throw LayoutError("textWithRescueCode must contain {rescueCode}")
                    }
                }
            } catch {
                throw LayoutError("\(position): \(error.message)")
            }
        }
    }

    private func mm(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded)) mm" : "\(rounded) mm"
    }
}
