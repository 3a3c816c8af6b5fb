import CPNG
import CZlibDeflate

/// Encodes sheets as grayscale PNGs in memory, with a pHYs chunk so that they print at true size.
///
/// Most of a sheet is blank paper, which PNG's Up filter turns into rows of zeros. Runs of such rows
/// are compressed once per length and spliced in; the rows between go through zlib as they come,
/// each stretch ended with a full flush so that nothing refers back across a splice (as pigz joins
/// its pieces). On an A4 sheet this saves a third of the compression time. libpng writes the chunks.
///
/// Not thread-safe: each batch worker has its own encoder and reuses its buffers. The bytes depend
/// only on the bitmap and the settings, so a resumed batch redraws its sheets byte for byte.
public final class PNGSheetEncoder {
    /// The resolution recorded in pHYs.
    public let dotsPerInch: Int
    /// 1 (black and white, the smallest and fastest) or 8 (gray levels 0 and 255 only).
    public let bitDepth: Int
    /// zlib level 0-9: 0 stores the image uncompressed (about 1 MB an A4 sheet at 1 bit); 1 to 9 all
    /// compress it the same way, by runs (zlib's Z_RLE strategy has no levels), to about 75 KB.
    public let compressionLevel: Int

    /// Blank rows in a row that are spliced in from the cache rather than compressed: shorter runs
    /// (the seven rows inside a QR module, for instance) cost more in block overhead than they save.
    static let blankRunRows = 16
    /// zlib's Z_RLE: only runs are looked for, which is all a black-and-white sheet filtered with Up
    /// has (measured: faster and 20 % smaller than the default strategy on label sheets). Splicing
    /// relies on zlib forgetting its position at a full flush, which it does since 1.2.5.1.
    static let runLengthStrategy = Z_RLE
    /// PNG's Up filter type: each byte is stored as its difference from the byte above.
    static let upFilterType: UInt8 = 2
    /// Cached blank runs kept at most (a layout has a dozen lengths or so).
    static let blankRunCacheLimit = 4096

    private let deflater: ZlibDeflater
    private let blankDeflater: ZlibDeflater
    /// The filtered image: per row, the filter type byte and the row's differences from the row above.
    private var filtered: [UInt8] = []
    /// Whether each filtered row is all zeros after its filter type byte.
    private var blankRows: [Bool] = []
    /// The zlib stream being built.
    private var idat = ByteAccumulator()
    /// Compressed runs of zero rows by row count, with their Adler-32, for the current row width.
    private var blankRuns: [Int: (deflated: [UInt8], adler: UInt32)] = [:]
    private var blankRunsRowBytes = 0

    public init(dotsPerInch: Int, bitDepth: Int = 1, compressionLevel: Int = 1) throws(PNGEncodingError) {
        guard bitDepth == 1 || bitDepth == 8 else { throw .failed("bit depth must be 1 or 8, not \(bitDepth)") }
        guard (0...9).contains(compressionLevel) else { throw .failed("zlib level must be 0 to 9, not \(compressionLevel)") }
        self.dotsPerInch = dotsPerInch
        self.bitDepth = bitDepth
        self.compressionLevel = compressionLevel
        deflater = try ZlibDeflater(level: compressionLevel, strategy: Self.runLengthStrategy)
        blankDeflater = try ZlibDeflater(level: compressionLevel, strategy: Self.runLengthStrategy)
    }

    /// pHYs wants pixels per metre: 11811 for 300 dpi.
    public var pixelsPerMetre: UInt32 { UInt32((Double(dotsPerInch) / 0.0254).rounded()) }

    /// The PNG file's bytes for `bitmap` (1 = black).
    public func encode(_ bitmap: Bitmap) throws(PNGEncodingError) -> [UInt8] {
        let rowBytes: Int
        if bitDepth == 1 {
            // PNG's 1-bit gray has 1 for white: the canvas is inverted as it is filtered.
            rowBytes = bitmap.bytesPerRow
            filter(bitmap.bytes, rowBytes: rowBytes, height: bitmap.height, inverted: true)
        } else {
            rowBytes = bitmap.width
            filter(Self.expandToGray(bitmap), rowBytes: rowBytes, height: bitmap.height, inverted: false)
        }
        try deflateFiltered(rowBytes: rowBytes, height: bitmap.height)
        return try idat.withUnsafeBytes { idat in frame(idat, width: bitmap.width, height: bitmap.height) }.get()
    }

    /// Builds the zlib stream of the filtered rows in `idat`.
    private func deflateFiltered(rowBytes: Int, height: Int) throws(PNGEncodingError) {
        let stride = 1 + rowBytes
        if blankRunsRowBytes != rowBytes || blankRuns.count > Self.blankRunCacheLimit {
            blankRuns = [:]
            blankRunsRowBytes = rowBytes
        }
        idat.removeAll()
        idat.append(zlibHeader)
        try deflater.reset()
        var adler = UInt32(adler32(0, nil, 0))
        var row = 0
        while row < height {
            let (contentEnd, blankEnd) = nextBlankRun(from: row, height: height)
            if contentEnd > row {
                let range = row * stride..<contentEnd * stride
                let compressed: Result<Void, PNGEncodingError> = filtered.withUnsafeBytes { bytes in
                    let content = UnsafeRawBufferPointer(rebasing: bytes[range])
                    adler = Self.adler(adler, content)
                    return Result { () throws(PNGEncodingError) in try deflater.compress(content, flush: .full, into: &idat) }
                }
                try compressed.get()
            }
            if blankEnd > contentEnd {
                let run = try blankRun(rows: blankEnd - contentEnd, rowBytes: rowBytes)
                run.deflated.withUnsafeBytes { idat.append($0) }
                adler = UInt32(adler32_combine(uLong(adler), uLong(run.adler), off_t((blankEnd - contentEnd) * stride)))
            }
            row = blankEnd
        }
        // Every piece ended with a full flush: an empty final block closes the stream.
        try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), flush: .finish, into: &idat)
        idat.append([UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)])
    }

    /// The next run of at least ``blankRunRows`` blank rows at or after `row`, as the end of the
    /// content before it and the end of the run (both `height` when there is none).
    private func nextBlankRun(from row: Int, height: Int) -> (contentEnd: Int, blankEnd: Int) {
        var start = row
        while start < height {
            var end = start
            while end < height, blankRows[end] { end += 1 }
            if end - start >= Self.blankRunRows { return (start, end) }
            start = max(end, start + 1)
        }
        return (height, height)
    }

    /// `rows` zero rows compressed on their own and ended with a full flush, from the cache.
    private func blankRun(rows: Int, rowBytes: Int) throws(PNGEncodingError) -> (deflated: [UInt8], adler: UInt32) {
        if let run = blankRuns[rows] { return run }
        let stride = 1 + rowBytes
        var image = [UInt8](repeating: 0, count: rows * stride)
        for row in 0..<rows { image[row * stride] = Self.upFilterType }
        var deflated = ByteAccumulator()
        try blankDeflater.reset()
        let compressed: Result<UInt32, PNGEncodingError> = image.withUnsafeBytes { image in
            Result { () throws(PNGEncodingError) in
                try blankDeflater.compress(image, flush: .full, into: &deflated)
                return Self.adler(UInt32(adler32(0, nil, 0)), image)
            }
        }
        let adler = try compressed.get()
        let run = (deflated: deflated.withUnsafeBytes { Array($0) }, adler: adler)
        blankRuns[rows] = run
        return run
    }

    /// The zlib header zlib itself writes for a 32 KB window with Z_RLE or level 0 (its level field
    /// says "fastest"), no dictionary.
    private let zlibHeader: [UInt8] = [0x78, 0x01]

    private static func adler(_ adler: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(adler32_z(uLong(adler), bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), bytes.count))
    }

    /// Up-filters `rows` (`height` rows of `rowBytes` bytes) into `filtered`, inverting every byte
    /// first when `inverted`, and notes which filtered rows are all zeros. Sixteen bytes at a time:
    /// the difference of inverted bytes is the reversed difference of the originals, so inverting
    /// costs nothing.
    private func filter(_ rows: [UInt8], rowBytes: Int, height: Int, inverted: Bool) {
        let stride = 1 + rowBytes
        if filtered.count < stride * height { filtered = [UInt8](repeating: 0, count: stride * height) }
        if blankRows.count != height { blankRows = [Bool](repeating: false, count: height) }
        rows.withUnsafeBytes { source in
            filtered.withUnsafeMutableBytes { destination in
                blankRows.withUnsafeMutableBufferPointer { blankRows in
                    let source = source.baseAddress!
                    let destination = destination.baseAddress!
                    let vectors = rowBytes / 16
                    for row in 0..<height {
                        let current = source + row * rowBytes
                        let out = destination + row * stride
                        out.storeBytes(of: Self.upFilterType, as: UInt8.self)
                        var any: UInt8 = 0
                        if row == 0 {
                            // The row above the first is zeros in PNG's terms.
                            for index in 0..<rowBytes {
                                let byte = current.load(fromByteOffset: index, as: UInt8.self)
                                let value = inverted ? ~byte : byte
                                out.storeBytes(of: value, toByteOffset: 1 + index, as: UInt8.self)
                                any |= value
                            }
                            blankRows[row] = any == 0
                            continue
                        }
                        let above = current - rowBytes
                        var anyVector = SIMD16<UInt8>()
                        for vector in 0..<vectors {
                            let offset = vector * 16
                            let now = current.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                            let before = above.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                            let difference = inverted ? before &- now : now &- before
                            out.storeBytes(of: difference, toByteOffset: 1 + offset, as: SIMD16<UInt8>.self)
                            anyVector |= difference
                        }
                        for index in (vectors * 16)..<rowBytes {
                            let now = current.load(fromByteOffset: index, as: UInt8.self)
                            let before = above.load(fromByteOffset: index, as: UInt8.self)
                            let difference = inverted ? before &- now : now &- before
                            out.storeBytes(of: difference, toByteOffset: 1 + index, as: UInt8.self)
                            any |= difference
                        }
                        blankRows[row] = any == 0 && anyVector == SIMD16<UInt8>()
                    }
                }
            }
        }
    }

    /// The PNG chunks around the compressed image, framed and checksummed by libpng.
    private func frame(_ idat: UnsafeRawBufferPointer, width: Int, height: Int) -> Result<[UInt8], PNGEncodingError> {
        var output = ByteAccumulator()
        output.reserve(idat.count + 128)
        var message = [CChar](repeating: 0, count: 256)
        let append: liftcode_png_append = { context, bytes, count in
            guard let context, let bytes else { return }
            context.assumingMemoryBound(to: ByteAccumulator.self).pointee.append(UnsafeRawBufferPointer(start: bytes, count: count))
        }
        let status = withUnsafeMutablePointer(to: &output) { output in
            liftcode_png_write_compressed(
                append, output, UInt32(width), UInt32(height), Int32(bitDepth), pixelsPerMetre,
                idat.baseAddress?.assumingMemoryBound(to: UInt8.self), idat.count, &message)
        }
        guard status == 0 else {
            return .failure(.failed("libpng: " + String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        return .success(output.takeBytes())
    }

    /// One byte a pixel: 0 for black, 255 for white.
    static func expandToGray(_ bitmap: Bitmap) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bitmap.width * bitmap.height) { gray, count in
            bitmap.bytes.withUnsafeBufferPointer { packed in
                for row in 0..<bitmap.height {
                    let source = row * bitmap.bytesPerRow
                    let destination = row * bitmap.width
                    for column in 0..<bitmap.width {
                        let black = packed[source + column >> 3] & (0x80 >> UInt8(column & 7)) != 0
                        gray[destination + column] = black ? 0 : 255
                    }
                }
            }
            count = bitmap.width * bitmap.height
        }
    }
}
