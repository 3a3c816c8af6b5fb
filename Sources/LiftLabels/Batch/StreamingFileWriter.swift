import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way a batch file is written, all or nothing: the bytes go through a buffer to
/// `NAME.partial`; ``commit()`` fsyncs it, renames it to `NAME` and fsyncs the folder, so a file
/// under its final name is always whole and, once committed, survives a power cut. A writer dropped
/// before that removes its partial file. Made by ``BatchFolder``, for a PNG sheet, a PDF of many
/// pages, a ZPL file of many labels, `manifest.csv` and `batch.json` alike.
///
/// Confined to the thread that writes the file (the manifest's to its work queue's lock).
final class StreamingFileWriter {
    let file: URL
    private let partial: URL
    private let synchronizes: Bool
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var failure: String?
    private static let flushSize = 1 << 20

    /// Opens `file.partial` for writing; with `synchronizes` false nothing is fsynced (throw-away
    /// folders only).
    init(file: URL, synchronizes: Bool) throws(BatchFileError) {
        self.file = file
        partial = BatchFolder.partialFile(for: file)
        self.synchronizes = synchronizes
        descriptor = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .failed(path: partial.path, reason: String(cString: strerror(errno))) }
    }

    deinit {
        discard()
    }

    /// Appends bytes; the first write error is kept and reported by ``commit()``.
    func append(_ bytes: UnsafeRawBufferPointer) {
        if buffer.isEmpty, bytes.count >= Self.flushSize {
            writeAll(bytes)  // a large block goes straight to the file
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Appends `bytes`.
    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Writes what is buffered, fsyncs, closes and renames the file to its final name, then fsyncs
    /// the folder so the rename is on disk too.
    func commit() throws(BatchFileError) {
        flush()
        if failure == nil, synchronizes, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        descriptor = -1
        if failure == nil, rename(partial.path, file.path) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, synchronizes { failure = Self.synchronizeFolder(of: file) }
        if let failure {
            unlink(partial.path)
            throw .failed(path: file.path, reason: failure)
        }
    }

    /// Gives the file up: closes and removes `NAME.partial`; the final name is not touched.
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(partial.path)
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        buffer.withUnsafeBytes { writeAll($0) }
    }

    /// Writes every byte, going on after short writes and interruptions; keeps the first error.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, descriptor >= 0 else { return }
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

    /// fsyncs the folder holding `file`; returns the error text.
    private static func synchronizeFolder(of file: URL) -> String? {
        let folder = open(file.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return String(cString: strerror(errno)) }
        defer { close(folder) }
        return fsync(folder) == 0 ? nil : String(cString: strerror(errno))
    }

    /// Whether `file` looks whole: it starts with `head` and its last `tail.count + slack` bytes
    /// contain `tail`. Resuming a batch rewrites a file that fails this (cut short by a full disk or
    /// a bad copy).
    static func isComplete(_ file: URL, head: [UInt8], tail: [UInt8], slack: Int) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: head.count), Array(start) == head,
            let end = try? handle.seekToEnd(), end >= UInt64(head.count + tail.count)
        else { return false }
        let window = UInt64(tail.count + slack)
        guard (try? handle.seek(toOffset: end - min(end, window))) != nil, let last = try? handle.readToEnd() else { return false }
        return Array(last).firstRange(of: tail) != nil
    }
}
