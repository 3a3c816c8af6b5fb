import CZlibDeflate
import Foundation
import Testing

@testable import LiftLabels

/// The encoder builds its zlib stream from cached blank runs and flushed pieces: libpng's reader
/// must get back exactly the pixels drawn, with no warning, and zlib's own `uncompress` must find
/// one whole stream (its Adler-32 right, nothing after it) holding the Up-filtered rows.
@Suite struct PNGSheetEncoderTests {
    /// A bitmap with every case the encoder treats apart: a long blank top, content, short blank
    /// runs (under the splicing threshold), long blank runs of different lengths, a run of exactly
    /// the threshold, and optionally a blank bottom. Width 203 is neither a byte nor a vector multiple.
    static func patterned(width: Int = 203, blankBottom: Bool) -> Bitmap {
        var bitmap = Bitmap(width: width, height: blankBottom ? 260 : 231)
        var generator = SplitMix64(seed: 7)
        bitmap.fill(x: 0, y: 20, width: width, height: 1)  // after 20 blank rows
        for row in stride(from: 24, to: 60, by: 8) {  // QR-like: one changed row, 7 equal rows
            bitmap.fill(x: Int(generator.next() % 150), y: row, width: 37, height: 8)
        }
        for row in 80..<96 {  // text-like rows, every one different
            bitmap.fill(x: Int(generator.next() % 200), y: row, width: 3, height: 1)
        }
        bitmap.fill(x: 10, y: 96 + PNGSheetEncoder.blankRunRows, width: 5, height: 2)  // exactly the threshold between
        bitmap.fill(x: width - 13, y: 150, width: 13, height: 30)  // the last column's bits
        bitmap.fill(x: 0, y: 230, width: 1, height: 1)
        return bitmap
    }

    /// Noise on every row: one content stretch far longer than zlib's 32 KB window.
    static func noisy(width: Int, height: Int) -> Bitmap {
        var bitmap = Bitmap(width: width, height: height)
        var generator = SplitMix64(seed: 11)
        for row in 0..<height {
            for _ in 0..<(width / 16) { bitmap.fill(x: Int(generator.next() % UInt64(width)), y: row, width: 2, height: 1) }
        }
        return bitmap
    }

    @Test(arguments: [1, 8], [false, true])
    func decodedPixelsAreTheDrawnOnes(bitDepth: Int, blankBottom: Bool) throws {
        try expectRoundTrip(Self.patterned(blankBottom: blankBottom), bitDepth: bitDepth)
    }

    @Test(arguments: [0, 1, 9])
    func everyLevelDecodes(level: Int) throws {
        try expectRoundTrip(Self.patterned(blankBottom: true), level: level)
    }

    @Test func edgeShapesDecode() throws {
        try expectRoundTrip(Bitmap(width: 64, height: 100))  // all white
        var black = Bitmap(width: 64, height: 100)
        black.fill(x: 0, y: 0, width: 64, height: 100)
        try expectRoundTrip(black)  // all black: even the first row is zeros
        var one = Bitmap(width: 50, height: 1)
        one.fill(x: 3, y: 0, width: 9, height: 1)
        try expectRoundTrip(one)  // a single row
        try expectRoundTrip(Self.patterned(width: 9, blankBottom: false))  // narrower than a vector
        var short = Bitmap(width: 40, height: PNGSheetEncoder.blankRunRows - 1)
        short.fill(x: 0, y: 0, width: 40, height: 1)
        try expectRoundTrip(short)  // fewer blank rows than the threshold
        try expectRoundTrip(Self.patterned(width: 256, blankBottom: true))  // rows of whole vectors
        try expectRoundTrip(Self.noisy(width: 2480, height: 40), bitDepth: 8)  // 99 KB in one stretch
    }

    @Test func anEmptyImageIsRefusedNotWritten() throws {
        let encoder = try PNGSheetEncoder(dotsPerInch: 300)
        #expect(throws: PNGEncodingError.self) { try encoder.encode(Bitmap(width: 0, height: 10)) }
        #expect(throws: PNGEncodingError.self) { try encoder.encode(Bitmap(width: 10, height: 0)) }
    }

    @Test func outputDependsOnlyOnThePixels() throws {
        let bitmap = Self.patterned(blankBottom: true)
        let warm = try PNGSheetEncoder(dotsPerInch: 300)
        _ = try warm.encode(Self.patterned(width: 203, blankBottom: false))  // fills its cache of blank runs
        let first = try warm.encode(bitmap)
        #expect(try warm.encode(bitmap) == first)
        #expect(try PNGSheetEncoder(dotsPerInch: 300).encode(bitmap) == first)
    }

    @Test func settingsOutsideThePNGRangeAreRefused() {
        #expect(throws: PNGEncodingError.self) { try PNGSheetEncoder(dotsPerInch: 300, bitDepth: 4) }
        #expect(throws: PNGEncodingError.self) { try PNGSheetEncoder(dotsPerInch: 300, compressionLevel: 10) }
    }

    /// Encodes `bitmap`, then checks it through libpng (pixels) and through zlib (the stream).
    private func expectRoundTrip(
        _ bitmap: Bitmap, bitDepth: Int = 1, level: Int = 1, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let png = try PNGSheetEncoder(dotsPerInch: 300, bitDepth: bitDepth, compressionLevel: level).encode(bitmap)
        let image = try GrayImage(png: png)
        #expect(image.width == bitmap.width && image.height == bitmap.height, sourceLocation: sourceLocation)
        var wrong = 0
        for y in 0..<bitmap.height {
            for x in 0..<bitmap.width where (image.pixels[y * image.width + x] == 0) != bitmap.isBlack(x: x, y: y) {
                wrong += 1
            }
        }
        #expect(wrong == 0, "pixels that differ", sourceLocation: sourceLocation)
        #expect(image.pixels.allSatisfy { $0 == 0 || $0 == 255 }, sourceLocation: sourceLocation)

        let stream = pngChunkList(png).filter { $0.type == "IDAT" }.flatMap(\.data)
        let rowBytes = bitDepth == 1 ? bitmap.bytesPerRow : bitmap.width
        var inflated = [UInt8](repeating: 0, count: bitmap.height * (1 + rowBytes) + 1)
        var inflatedCount = uLongf(inflated.count)
        var streamCount = uLong(stream.count)
        let status = uncompress2(&inflated, &inflatedCount, stream, &streamCount)
        #expect(status == Z_OK, "zlib's verdict on the stream", sourceLocation: sourceLocation)
        #expect(Int(streamCount) == stream.count, "nothing after the stream's end", sourceLocation: sourceLocation)
        #expect(Int(inflatedCount) == bitmap.height * (1 + rowBytes), sourceLocation: sourceLocation)
        #expect(stride(from: 0, to: Int(inflatedCount), by: 1 + rowBytes).allSatisfy { inflated[$0] == 2 }, "every row Up-filtered",
            sourceLocation: sourceLocation)
    }
}
