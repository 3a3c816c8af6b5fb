/// A 1-bit raster: the canvas a sheet is drawn on, and the shape of a glyph or a line of text.
///
/// Rows are packed 8 pixels a byte, most significant bit first, and 1 means black (ink), so
/// drawing is OR-ing bits in. PNG's 1-bit grayscale has 0 for black: ``PNGSheetEncoder`` inverts
/// while it writes. Bits past `width` in a row's last byte are always 0.
public struct Bitmap: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Bytes a row takes: `(width + 7) / 8`.
    public let bytesPerRow: Int
    /// The packed rows, `bytesPerRow × height` bytes.
    public internal(set) var bytes: [UInt8]

    /// A white bitmap.
    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "a bitmap has a non-negative size")
        self.width = width
        self.height = height
        bytesPerRow = (width + 7) / 8
        bytes = [UInt8](repeating: 0, count: bytesPerRow * height)
    }

    /// A bitmap from packed rows (1 = black), as a glyph renderer produces them.
    public init(width: Int, height: Int, packedRows: [UInt8]) {
        self.width = width
        self.height = height
        bytesPerRow = (width + 7) / 8
        precondition(packedRows.count == bytesPerRow * height, "packed rows must hold bytesPerRow × height bytes")
        bytes = packedRows
    }

    /// Makes every pixel white again, keeping the storage (a worker reuses one canvas per sheet).
    public mutating func clear() {
        bytes.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Whether the pixel at (`x`, `y`) is black; pixels outside the bitmap are white.
    public func isBlack(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return bytes[y * bytesPerRow + x >> 3] & (0x80 >> UInt8(x & 7)) != 0
    }

    /// Paints a rectangle black; the part outside the bitmap is ignored.
    public mutating func fill(x: Int, y: Int, width rectWidth: Int, height rectHeight: Int) {
        let left = max(x, 0)
        let right = min(x + rectWidth, width)
        let top = max(y, 0)
        let bottom = min(y + rectHeight, height)
        guard left < right, top < bottom else { return }
        let stride = bytesPerRow
        bytes.withUnsafeMutableBufferPointer { buffer in
            for row in top..<bottom {
                Self.setBits(in: buffer, rowStart: row * stride, from: left, to: right)
            }
        }
    }

    /// Draws `image`'s black pixels with its top-left corner at (`x`, `y`) (OR: white never erases).
    public mutating func draw(_ image: Bitmap, x: Int, y: Int) {
        guard image.width > 0, image.height > 0 else { return }
        if x < 0 || y < 0 || x + image.width > width || y + image.height > height {
            drawClipped(image, x: x, y: y)
            return
        }
        let shift = UInt8(x & 7)
        let firstByte = x >> 3
        let stride = bytesPerRow
        let lastDestination = (x + image.width - 1) >> 3
        image.bytes.withUnsafeBufferPointer { source in
            bytes.withUnsafeMutableBufferPointer { destination in
                for row in 0..<image.height {
                    let sourceRow = row * image.bytesPerRow
                    let destinationRow = (y + row) * stride + firstByte
                    if shift == 0 {
                        Self.or(
                            UnsafeRawPointer(source.baseAddress! + sourceRow),
                            into: UnsafeMutableRawPointer(destination.baseAddress! + destinationRow), count: image.bytesPerRow)
                    } else {
                        for index in 0..<image.bytesPerRow {
                            let byte = source[sourceRow + index]
                            destination[destinationRow + index] |= byte >> shift
                            // The spill into the next byte exists only while it stays inside the image.
                            if firstByte + index + 1 <= lastDestination {
                                destination[destinationRow + index + 1] |= byte << (8 - shift)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The slow, pixel by pixel path of ``draw(_:x:y:)`` for an image that crosses an edge.
    private mutating func drawClipped(_ image: Bitmap, x: Int, y: Int) {
        for row in 0..<image.height where y + row >= 0 && y + row < height {
            for column in 0..<image.width where image.isBlack(x: column, y: row) {
                let pixelX = x + column
                guard pixelX >= 0, pixelX < width else { continue }
                bytes[(y + row) * bytesPerRow + pixelX >> 3] |= 0x80 >> UInt8(pixelX & 7)
            }
        }
    }

    /// Sets bits `from..<to` of the row starting at byte `rowStart`.
    @inline(__always)
    static func setBits(in buffer: UnsafeMutableBufferPointer<UInt8>, rowStart: Int, from left: Int, to right: Int) {
        var first = left >> 3
        let last = (right - 1) >> 3
        let leadingMask: UInt8 = 0xFF >> UInt8(left & 7)
        let trailingMask: UInt8 = 0xFF << UInt8(7 - ((right - 1) & 7))
        if first == last {
            buffer[rowStart + first] |= leadingMask & trailingMask
            return
        }
        buffer[rowStart + first] |= leadingMask
        first += 1
        while first < last {
            buffer[rowStart + first] = 0xFF
            first += 1
        }
        buffer[rowStart + last] |= trailingMask
    }

    /// ORs `count` bytes of `source` into `destination`, a 64-bit word at a time.
    @inline(__always)
    static func or(_ source: UnsafeRawPointer, into destination: UnsafeMutableRawPointer, count: Int) {
        var offset = 0
        while offset + 8 <= count {
            let word = source.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                | destination.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            destination.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            let byte = source.load(fromByteOffset: offset, as: UInt8.self) | destination.load(fromByteOffset: offset, as: UInt8.self)
            destination.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
            offset += 1
        }
    }
}
