import CPNG
import Foundation
import Testing

@testable import LiftLabels

/// The encoder builds its zlib stream from cached blank runs and flushed pieces: libpng's reader
/// (which checks every chunk's CRC and the stream's Adler-32) must get back exactly the pixels drawn.
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
        bitmap.fill(x: 190, y: 150, width: 13, height: 30)  // the last column's bits
        bitmap.fill(x: 0, y: 230, width: 1, height: 1)
        return bitmap
    }

    @Test(arguments: [1, 8], [false, true])
    func decodedPixelsAreTheDrawnOnes(bitDepth: Int, blankBottom: Bool) throws {
        let bitmap = Self.patterned(blankBottom: blankBottom)
        let encoder = try PNGSheetEncoder(dotsPerInch: 300, bitDepth: bitDepth)
        let image = try DecodedGray(png: try encoder.encode(bitmap))
        #expect(image.width == bitmap.width && image.height == bitmap.height)
        var wrong = 0
        for y in 0..<bitmap.height {
            for x in 0..<bitmap.width where (image.pixels[y * image.width + x] == 0) != bitmap.isBlack(x: x, y: y) {
                wrong += 1
            }
        }
        #expect(wrong == 0)
        #expect(image.pixels.allSatisfy { $0 == 0 || $0 == 255 })
    }

    @Test func blankAndFullSheetsDecode() throws {
        let encoder = try PNGSheetEncoder(dotsPerInch: 300)
        let blank = Bitmap(width: 64, height: 100)
        #expect(try DecodedGray(png: encoder.encode(blank)).pixels.allSatisfy { $0 == 255 })
        var full = Bitmap(width: 64, height: 100)
        full.fill(x: 0, y: 0, width: 64, height: 100)
        #expect(try DecodedGray(png: encoder.encode(full)).pixels.allSatisfy { $0 == 0 })
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
}

/// A PNG read back from memory with libpng's simplified API, as 8-bit gray (0 = black).
struct DecodedGray {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    init(png: [UInt8]) throws {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = png.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw DecodingFailure(message: Self.message(of: image)) }
        image.format = UInt32(PNG_FORMAT_GRAY)
        width = Int(image.width)
        height = Int(image.height)
        var pixels = [UInt8](repeating: 0, count: width * height)
        let finished = png_image_finish_read(&image, nil, &pixels, Int32(width), nil)
        let message = Self.message(of: image)
        png_image_free(&image)
        guard finished != 0 else { throw DecodingFailure(message: message) }
        self.pixels = pixels
    }

    struct DecodingFailure: Error {
        let message: String
    }

    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// A small deterministic random number generator, so the patterns are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
