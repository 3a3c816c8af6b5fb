import CZlibDeflate

/// A raw deflate stream (no zlib header or checksum), reused for every sheet a worker compresses.
/// It owns the `z_stream`; ``PNGSheetEncoder`` adds the header and the Adler-32 around its output.
///
/// Not thread-safe: each batch worker has its own.
final class ZlibDeflater {
    /// How a piece of input ends: `.full` ends it on a byte boundary with nothing after it referring
    /// back into it (so other deflate data may be spliced in after it), `.finish` ends the stream
    /// with a final block.
    enum Flush {
        case full, finish

        var zlibValue: Int32 {
            switch self {
            case .full: Z_FULL_FLUSH
            case .finish: Z_FINISH
            }
        }
    }

    private let stream: UnsafeMutablePointer<z_stream>

    /// A stream at `level` (0-9) with `strategy` (Z_RLE, for example), 32 KB window, zlib's default
    /// memory.
    init(level: Int, strategy: Int32) throws(PNGEncodingError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = liftcode_deflate_init(stream, Int32(level), -15, 8, strategy)
        // On failure deinit still runs (every stored property is set): it frees the stream, and
        // deflateEnd on a stream whose init failed does nothing.
        guard status == Z_OK else { throw .failed("zlib: cannot start a deflate stream at level \(level) (\(status))") }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Starts a new stream with the same settings.
    func reset() throws(PNGEncodingError) {
        guard deflateReset(stream) == Z_OK else { throw .failed("zlib: deflateReset failed") }
    }

    /// Compresses `input`, appending what zlib produces to `output`.
    func compress(_ input: UnsafeRawBufferPointer, flush: Flush, into output: inout ByteAccumulator) throws(PNGEncodingError) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        defer { stream.pointee.next_in = nil }
        while true {
            // Room for all of it at once in practice: deflateBound plus a flush's few bytes.
            output.reserve(Int(deflateBound(stream, uLong(stream.pointee.avail_in))) + 64)
            let status = output.fill { spare in
                stream.pointee.next_out = spare.baseAddress
                stream.pointee.avail_out = uInt(spare.count)
                let status = deflate(stream, flush.zlibValue)
                stream.pointee.next_out = nil
                return (spare.count - Int(stream.pointee.avail_out), status)
            }
            switch status {
            case Z_STREAM_END:
                return
            case Z_OK:
                // Done once all input is taken and zlib had output room left over after the flush.
                if stream.pointee.avail_in == 0, flush != .finish, stream.pointee.avail_out > 0 { return }
            case Z_BUF_ERROR:
                // No progress was possible: fine when nothing was left to do, a fault otherwise.
                if stream.pointee.avail_in == 0, flush != .finish { return }
                if stream.pointee.avail_out > 0 { throw .failed("zlib: deflate made no progress") }
            default:
                throw .failed("zlib: deflate failed (\(status))")
            }
        }
    }
}
