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

    @Test func resolutionAndBitDepthAreChecked() throws {
        var layout = try shippedLayout("a4")
        layout.dpi = 200
        #expect(throws: LayoutError("dpi must be 300 or 600, not 200")) { try layout.validate() }
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
