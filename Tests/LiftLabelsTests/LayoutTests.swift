import Foundation
import LiftCore
import Testing

@testable import LiftLabels

@Suite struct LayoutTests {
    @Test func theShippedLayoutsAreValidAndFitTheirQRCodes() throws {
        let fonts = try FontRenderer(font: FontLocator.system.locate())
        for (name, level, minimum) in [("a4", ErrorCorrectionLevel.M, 25.0), ("a4-harsh", .Q, 30.0)] {
            let layout = try shippedLayout(name)
            #expect(layout.dpi == 300)
            #expect(layout.bitDepth == 1)
            #expect(layout.qr.errorCorrection == level)
            let geometry = try SheetGeometry(layout: layout, baseURL: "HTTPS://LC.EXAMPLE.CN", keyID: "K1", fonts: fonts)
            #expect(geometry.pageWidth == 2480 && geometry.pageHeight == 3508)
            #expect(geometry.qrSizeMM >= minimum)
            #expect(geometry.labelOrigins.count == layout.columns * layout.rows)
            for origin in geometry.labelOrigins {
                #expect(origin.x >= 0 && origin.x + geometry.labelWidth <= geometry.pageWidth)
                #expect(origin.y >= 0 && origin.y + geometry.labelHeight <= geometry.pageHeight)
            }
        }
        #expect(try shippedLayout("a4").labelsPerSheet == 16)
    }

    @Test func theStockSheetAndRollLayoutsFitTheirPaperAndTheirContent() throws {
        let fonts = try FontRenderer(font: FontLocator.system.locate())
        let stocks: [(name: String, grid: (Int, Int), label: (Double, Double))] = [
            ("a4-3x4-63.5x72", (3, 4), (63.5, 72)), ("a4-2x4-99.1x67.7", (2, 4), (99.1, 67.7)), ("a4-2x3-99.1x93.1", (2, 3), (99.1, 93.1)),
        ]
        for stock in stocks {
            let layout = try shippedLayout(stock.name)
            #expect(layout.columns == stock.grid.0 && layout.rows == stock.grid.1, "\(stock.name)")
            #expect(layout.labelMM == SheetLayout.Size(width: stock.label.0, height: stock.label.1), "\(stock.name)")
            #expect(layout.pageMM == SheetLayout.Size(width: 210, height: 297) && layout.frameMM == 0)
            // The grid with its margins and gaps is exactly the sheet: die-cut labels leave no slack.
            let width = layout.marginsMM.left + layout.marginsMM.right + Double(layout.columns) * layout.labelMM.width
                + Double(layout.columns - 1) * layout.gapMM.horizontal
            let height = layout.marginsMM.top + layout.marginsMM.bottom + Double(layout.rows) * layout.labelMM.height
                + Double(layout.rows - 1) * layout.gapMM.vertical
            #expect(abs(width - 210) < 0.01 && abs(height - 297) < 0.01, "\(stock.name): \(width) × \(height)")
            let geometry = try SheetGeometry(layout: layout, baseURL: "HTTPS://LC.EXAMPLE.CN", keyID: "K1", fonts: fonts)
            #expect(geometry.qrSizeMM >= 25)
        }
        for (name, width, height) in [("roll-50x30", 50.0, 30.0), ("roll-60x40", 60, 40), ("roll-70x50", 70, 50)] {
            var layout = try shippedLayout(name)
            #expect(layout.format == .zpl && layout.columns == 1 && layout.rows == 1)
            #expect(layout.pageMM == SheetLayout.Size(width: width, height: height) && layout.labelMM == layout.pageMM)
            for dpi in [203, 300] {
                layout.dpi = dpi
                // A longer base URL than the example's, as a real deployment may have.
                let geometry = try SheetGeometry(layout: layout, baseURL: "HTTPS://DT.NTSCJG.GOV.CN", keyID: "KKKK", fonts: fonts)
                try ZPLLabelRenderer.check(geometry)
                #expect(geometry.qrSizeMM >= layout.qr.minimumSizeMM)
            }
        }
    }

    @Test func resolutionAndBitDepthAreChecked() throws {
        var layout = try shippedLayout("a4")
        layout.dpi = 200
        #expect(throws: LayoutError("dpi must be 300 or 600 (sheets), or 203 or 300 (thermal printers), not 200")) {
            try layout.validate()
        }
        layout.dpi = 600
        #expect(throws: Never.self) { try layout.validate() }
        layout.bitDepth = 4
        #expect(throws: LayoutError("bitDepth must be 1 or 8, not 4")) { try layout.validate() }
    }

    @Test func labelsMustFitThePage() throws {
        var layout = try shippedLayout("a4")
        layout.columns = 5
        #expect {
            try layout.validate()
        } throws: { error in
            "\(error)".contains("5 columns of 47.5 mm labels with 2 mm gaps need 245.5 mm")
        }
        layout.columns = 4
        layout.labelMM.height = 80
        #expect {
            try layout.validate()
        } throws: { error in
            "\(error)".contains("use fewer rows or shorter labels")
        }
    }

    @Test func placeholdersAreChecked() throws {
        var layout = try shippedLayout("a4")
        layout.lines[0].text = "{numbr}"
        #expect {
            try layout.validate()
        } throws: { error in
            "\(error)".contains("unknown placeholder {numbr}")
        }
        layout.lines[0].text = "{rescueCode}"
        #expect(throws: LayoutError.self) { try layout.validate() }
    }

    @Test func aQRCodeTooLargeForTheLabelIsRefusedWithAReason() throws {
        let fonts = try FontRenderer(font: FontLocator.system.locate())
        // A long base URL raises the QR version; 25 mm of it then needs 32 mm with its quiet zone,
        // more than a 30 mm label has inside its padding.
        var layout = try shippedLayout("a4")
        layout.labelMM.width = 30
        let longBase = "HTTPS://ELEVATOR-SAFETY.MARKET-SUPERVISION.NANTONG.JIANGSU.EXAMPLE.GOV.CN/PUBLIC"
        #expect {
            try SheetGeometry(layout: layout, baseURL: longBase, keyID: "K1", fonts: fonts)
        } throws: { error in
            "\(error)".contains("a shorter base URL") && "\(error)".contains("version 8")
        }
        // The shipped layout takes the same base URL.
        let fits = try SheetGeometry(layout: try shippedLayout("a4"), baseURL: longBase, keyID: "K1", fonts: fonts)
        #expect(fits.qrVersion == 8)
        #expect(fits.qrSizeMM >= 25)
    }

    @Test func aBadFileNamesItself() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("broken.json")
        try Data(#"{"dpi": 300}"#.utf8).write(to: file)
        #expect {
            try SheetLayout(contentsOf: file)
        } throws: { error in
            "\(error)".contains("broken.json") && "\(error)".contains("missing")
        }
        #expect(SheetLayout.name(of: file) == "broken")
    }
}
