extension Bitmap {
    /// Draws a QR symbol with its top-left module at (`x`, `y`), each module `moduleSize` pixels square.
    ///
    /// The quiet zone is not drawn: it is the white around the symbol, which the caller leaves free.
    /// One packed pixel row is built per module row and OR-ed into `moduleSize` rows eight bytes at a
    /// time, so the cost is a few word operations a row rather than a pixel at a time.
    public mutating func draw(_ code: QRCode, x: Int, y: Int, moduleSize: Int) {
        precondition(moduleSize > 0, "a module is at least one pixel")
        let symbolSize = code.size * moduleSize
        precondition(
            x >= 0 && y >= 0 && x + symbolSize <= width && y + symbolSize <= height,
            "the QR symbol lies inside the bitmap")
        let shift = x & 7
        let firstByte = x >> 3
        let spanBytes = (shift + symbolSize + 7) / 8
        var rowPattern = [UInt8](repeating: 0, count: spanBytes)
        let stride = bytesPerRow
        code.modules.withUnsafeBufferPointer { modules in
            rowPattern.withUnsafeMutableBufferPointer { pattern in
                bytes.withUnsafeMutableBufferPointer { destination in
                    for moduleRow in 0..<code.size {
                        pattern.initialize(repeating: 0)
                        var column = 0
                        while column < code.size {
                            guard modules[moduleRow * code.size + column] != 0 else {
                                column += 1
                                continue
                            }
                            // A run of dark modules becomes one span of bits.
                            var end = column + 1
                            while end < code.size, modules[moduleRow * code.size + end] != 0 { end += 1 }
                            Bitmap.setBits(
                                in: pattern, rowStart: 0, from: shift + column * moduleSize, to: shift + end * moduleSize)
                            column = end
                        }
                        for pixelRow in 0..<moduleSize {
                            let start = (y + moduleRow * moduleSize + pixelRow) * stride + firstByte
                            Bitmap.or(UnsafeRawPointer(pattern.baseAddress!), into: UnsafeMutableRawPointer(destination.baseAddress! + start), count: spanBytes)
                        }
                    }
                }
            }
        }
    }
}
