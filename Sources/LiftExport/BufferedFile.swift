import Foundation

/// A file written through a 1 MB buffer of bytes.
final class BufferedFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20
    private var flushed: UInt64 = 0

    /// Creates (or truncates) the file at `url`, readable and writable by its owner only (0600):
    /// exports hold personal data.
    init(creating url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(capacity + 4096)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends text without checking the buffer's size; call `flushIfFull` after a row.
    func append(_ text: String) { buffer.append(contentsOf: text.utf8) }
    func append(_ byte: UInt8) { buffer.append(byte) }

    func flushIfFull() throws {
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        flushed += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Bytes written so far, buffered ones included: where the next write lands.
    var position: UInt64 { flushed + UInt64(buffer.count) }

    /// Replaces bytes written earlier at `offset` (same length), then carries on at the end.
    func overwrite(at offset: UInt64, with text: String) throws {
        try flush()
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.seekToEnd()
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }
}
