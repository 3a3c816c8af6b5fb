import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file too large to hold in memory (a PDF of many pages, a ZPL file of many labels), all
/// or nothing: the bytes go through a buffer to `NAME.partial`, which ``commit()`` syncs and renames
/// to `NAME`; a writer dropped before that removes its partial file.
///
/// Confined to the worker that writes the file.
final class StreamingFileWriter {
    let file: URL
    private let partial: URL
    private let synchronizes: Bool
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var failure: String?
    private static let flushSize = 1 << 20

    /// Opens `file.partial` for writing.
    init(file: URL, synchronizes: Bool) throws(PNGWriteError) {
        self.file = file
        partial = PNGSheetWriter.partialFile(for: file)
        self.synchronizes = synchronizes
        descriptor = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .failed(path: partial.path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.flushSize)
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(partial.path)
        }
    }

    /// Appends bytes; the first write error is kept and reported by ``commit()``.
    func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Writes what is buffered, syncs, closes and renames the file to its final name.
    func commit() throws(PNGWriteError) {
        flush()
        if failure == nil, synchronizes, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        descriptor = -1
        if failure == nil, rename(partial.path, file.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(partial.path)
            throw .failed(path: file.path, reason: failure)
        }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
    }

    /// Whether `file` looks whole: it starts with `head` and its last bytes contain `tail`.
    /// Resuming a batch rewrites a file that fails this (cut short by a full disk or a bad copy).
    static func isComplete(_ file: URL, head: [UInt8], tail: [UInt8]) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: head.count), Array(start) == head,
            let end = try? handle.seekToEnd(), end >= UInt64(head.count + tail.count)
        else { return false }
        let window = UInt64(tail.count + 16)
        guard (try? handle.seek(toOffset: end - min(end, window))) != nil, let last = try? handle.readToEnd() else { return false }
        return Array(last).firstRange(of: tail) != nil
    }
}
