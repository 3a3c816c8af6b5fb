import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an encoded sheet to its file, all or nothing.
///
/// The bytes go to `NAME.partial`, which is synced and then renamed to `NAME`, so a sheet under its
/// final name is always complete and a crash leaves at most a `.partial` file behind.
public struct PNGSheetWriter: Sendable {
    /// Whether to fsync each sheet before renaming it, so that "under its final name" also means
    /// "on disk" after a power cut.
    public var synchronizes: Bool

    public init(synchronizes: Bool = true) {
        self.synchronizes = synchronizes
    }

    /// Where a sheet is written before it is complete.
    public static func partialFile(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".partial")
    }

    /// Writes `png` to `file` through `file.partial` and an atomic rename.
    public func write(_ png: [UInt8], to file: URL) throws(PNGWriteError) {
        let partial = Self.partialFile(for: file)
        let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .failed(path: partial.path, reason: String(cString: strerror(errno))) }
        var failure = Self.writeAll(png, to: descriptor)
        if failure == nil, synchronizes, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(partial.path, file.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(partial.path)
            throw .failed(path: file.path, reason: failure)
        }
    }

    /// Writes every byte, going on after short writes and interruptions; returns the error text.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }

    /// Whether `file` is a whole PNG: it starts with the PNG signature and ends with the IEND chunk.
    /// Resuming a batch re-renders a sheet that fails this (truncated by a full disk or a bad copy).
    public static func isComplete(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8), Array(head) == signature,
            let end = try? handle.seekToEnd(), end >= 8 + 12
        else { return false }
        guard (try? handle.seek(toOffset: end - 12)) != nil, let tail = try? handle.read(upToCount: 12) else { return false }
        return Array(tail) == endChunk
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let endChunk: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
}

/// POSIX write(2), named apart from ``PNGSheetWriter/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// A sheet could not be written.
public enum PNGWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .failed(let path, let reason): "cannot write sheet \(path): \(reason)"
        }
    }
}
