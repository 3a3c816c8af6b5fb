import CPNG
import CZBar
import Foundation
import LiftCore
import LiftCrypto
import LiftLabels

/// The package's root directory, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A layout shipped in Labels/layouts.
func shippedLayout(_ name: String) throws -> SheetLayout {
    try SheetLayout(contentsOf: packageRoot.appendingPathComponent("Labels/layouts/\(name).json"))
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("liftlabels-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// An issued batch as the ledger would hand it over: numbers `numbers` of 崇川区 with serial 1.
func makeBatch(id: String = "B20261125-0001", numbers: ClosedRange<Int>, keyID: String, layout: String = "a4") -> IssuedBatch {
    let labels = numbers.map { LedgerLabel(id: LabelID(number: NNumber(value: $0)!, serial: 1), keyID: keyID, batchID: id) }
    let summary = BatchSummary(
        id: id, district: District(digit: 0, name: "崇川区"), keyID: keyID, baseURL: "HTTPS://LC.EXAMPLE.CN",
        layout: layout, count: labels.count, firstNumber: labels.first?.id.number, lastNumber: labels.last?.id.number,
        createdAt: Date(timeIntervalSince1970: 1_795_600_000))
    return IssuedBatch(summary: summary, labels: labels)
}

/// An 8-bit grayscale image read back from a PNG file (0 = black).
struct GrayImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    /// Reads a PNG file with libpng's simplified API, converting it to 8-bit gray.
    init(contentsOf file: URL) throws {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, file.path) != 0 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file.path])
        }
        try self.init(finishing: &image)
    }

    /// Reads a PNG held in memory; any warning libpng raises on the way (a wrong Adler-32, data after
    /// the end of the stream, too much or too little image data) is a failure too.
    init(png: [UInt8]) throws {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = png.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw PNGReadFailure(message: Self.message(of: image)) }
        try self.init(finishing: &image)
        guard image.warning_or_error == 0 else { throw PNGReadFailure(message: Self.message(of: image)) }
    }

    private init(finishing image: inout png_image) throws {
        image.format = UInt32(PNG_FORMAT_GRAY)
        width = Int(image.width)
        height = Int(image.height)
        var pixels = [UInt8](repeating: 0, count: width * height)
        let status = png_image_finish_read(&image, nil, &pixels, Int32(width), nil)
        let message = Self.message(of: image)
        png_image_free(&image)
        guard status != 0 else { throw PNGReadFailure(message: message) }
        self.pixels = pixels
    }

    struct PNGReadFailure: Error {
        let message: String
    }

    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The QR codes zbar finds in the rectangle (`x`, `y`, `width`, `height`).
    func decodeQRCodes(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> [String] {
        var crop = [UInt8](repeating: 255, count: cropWidth * cropHeight)
        for row in 0..<cropHeight where y + row < height {
            for column in 0..<cropWidth where x + column < width {
                crop[row * cropWidth + column] = pixels[(y + row) * width + x + column]
            }
        }
        guard let scanner = zbar_image_scanner_create() else { return [] }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        guard let image = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(image) }
        let y800: UInt = 0x3030_3859  // fourcc "Y800": 8-bit gray
        zbar_image_set_format(image, y800)
        zbar_image_set_size(image, UInt32(cropWidth), UInt32(cropHeight))
        var texts: [String] = []
        crop.withUnsafeBytes { bytes in
            zbar_image_set_data(image, bytes.baseAddress, UInt(bytes.count), nil)
            _ = zbar_scan_image(scanner, image)
            var symbol = zbar_image_first_symbol(image)
            while let current = symbol {
                texts.append(String(cString: zbar_symbol_get_data(current)))
                symbol = zbar_symbol_next(current)
            }
            zbar_image_set_data(image, nil, 0, nil)
        }
        return texts
    }
}

/// The chunks of a PNG file by type (the data of the first chunk of each type).
func pngChunks(of file: URL) throws -> [String: [UInt8]] {
    var chunks: [String: [UInt8]] = [:]
    for chunk in pngChunkList([UInt8](try Data(contentsOf: file))) where chunks[chunk.type] == nil {
        chunks[chunk.type] = chunk.data
    }
    return chunks
}

/// The chunks of a PNG, in order (a chunk cut short keeps what is there).
func pngChunkList(_ bytes: [UInt8]) -> [(type: String, data: [UInt8])] {
    var chunks: [(type: String, data: [UInt8])] = []
    var offset = 8
    while offset + 12 <= bytes.count {
        let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
        chunks.append((type, Array(bytes[offset + 8..<min(offset + 8 + length, bytes.count)])))
        offset += 12 + length
    }
    return chunks
}

/// A small deterministic random number generator, so that test patterns are the same on every run.
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
