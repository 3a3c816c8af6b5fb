import Testing

@testable import LiftLabels

@Suite struct BitmapTests {
    @Test func fillSetsExactlyTheRectangle() {
        var bitmap = Bitmap(width: 40, height: 5)
        bitmap.fill(x: 3, y: 1, width: 18, height: 2)
        for y in 0..<5 {
            for x in 0..<40 {
                #expect(bitmap.isBlack(x: x, y: y) == ((3..<21).contains(x) && (1..<3).contains(y)), "pixel \(x),\(y)")
            }
        }
        bitmap.clear()
        #expect(bitmap.bytes.allSatisfy { $0 == 0 })
    }

    @Test func drawingAnImageAtAnyBitOffsetCopiesItsPixels() {
        var glyph = Bitmap(width: 11, height: 3)
        glyph.fill(x: 0, y: 0, width: 11, height: 1)
        glyph.fill(x: 5, y: 1, width: 1, height: 2)
        for offset in 0..<9 {
            var canvas = Bitmap(width: 30, height: 4)
            canvas.draw(glyph, x: offset, y: 1)
            for y in 0..<4 {
                for x in 0..<30 {
                    #expect(canvas.isBlack(x: x, y: y) == glyph.isBlack(x: x - offset, y: y - 1), "offset \(offset) pixel \(x),\(y)")
                }
            }
        }
    }

    @Test func imagesCrossingTheEdgeAreClipped() {
        var glyph = Bitmap(width: 4, height: 4)
        glyph.fill(x: 0, y: 0, width: 4, height: 4)
        var canvas = Bitmap(width: 6, height: 6)
        canvas.draw(glyph, x: -2, y: 4)
        #expect(canvas.isBlack(x: 0, y: 4) && canvas.isBlack(x: 1, y: 5))
        #expect(!canvas.isBlack(x: 2, y: 4))
    }

    @Test func aQRCodeIsDrawnModuleForModule() throws {
        let code = try QRCode(text: "HTTPS://LC.EXAMPLE.CN/E/N000001-1-K1-", level: .M)
        let moduleSize = 3
        var canvas = Bitmap(width: code.size * moduleSize + 13, height: code.size * moduleSize + 10)
        canvas.draw(code, x: 5, y: 4, moduleSize: moduleSize)
        for y in 0..<code.size {
            for x in 0..<code.size {
                for (dx, dy) in [(0, 0), (moduleSize - 1, moduleSize - 1)] {
                    #expect(canvas.isBlack(x: 5 + x * moduleSize + dx, y: 4 + y * moduleSize + dy) == code.isDark(x: x, y: y))
                }
            }
        }
        #expect(!canvas.isBlack(x: 4, y: 4))
        #expect(!canvas.isBlack(x: 5 + code.size * moduleSize, y: 4))
    }
}
