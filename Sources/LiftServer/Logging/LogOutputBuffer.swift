import Foundation

/// Log lines gathered in memory and written to a file descriptor (standard error unless told
/// otherwise) in one `write` a few times a second, instead of one `write` per line.
///
/// The request log writes a line for every answer; at tens of thousands of answers a second the
/// per-line system call cost about a quarter of a cached label page. Lines are written whole and
/// in order; they wait at most `interval` (100 ms), or less when `limit` bytes gather first, and
/// `flush()` writes at once (the handler calls it for warnings and errors, and the server when it
/// stops).
public final class LogOutputBuffer: TextOutputStream, @unchecked Sendable {
    private let descriptor: Int32
    private let limit: Int
    private let interval: Duration
    /// `pending` and `flushScheduled` are read and written only while holding `lock`.
    private let lock = NSLock()
    private var pending: [UInt8] = []
    private var flushScheduled = false
    /// Serialises the writes themselves, so two flushes never interleave their bytes.
    private let writing = NSLock()
    private let timerQueue = DispatchQueue(label: "liftcode.log-output")

    /// - Parameters:
    ///   - descriptor: where the lines go (2, standard error).
    ///   - limit: bytes gathered that are written without waiting for the interval.
    ///   - interval: the longest a line waits.
    public init(descriptor: Int32 = STDERR_FILENO, limit: Int = 64 * 1024, interval: Duration = .milliseconds(100)) {
        self.descriptor = descriptor
        self.limit = limit
        self.interval = interval
        pending.reserveCapacity(limit)
    }

    deinit { flush() }

    /// Adds `string` (a whole line, as a log handler writes it).
    public func write(_ string: String) {
        let (full, schedule) = lock.withLock { () -> (Bool, Bool) in
            pending.append(contentsOf: string.utf8)
            if pending.count >= limit { return (true, false) }
            guard !flushScheduled else { return (false, false) }
            flushScheduled = true
            return (false, true)
        }
        if full {
            flush()
        } else if schedule {
            let (seconds, attoseconds) = interval.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            timerQueue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in self?.flush() }
        }
    }

    /// Writes every gathered line now.
    public func flush() {
        writing.withLock {
            let bytes = lock.withLock { () -> [UInt8] in
                flushScheduled = false
                let taken = pending
                pending.removeAll(keepingCapacity: true)
                return taken
            }
            guard !bytes.isEmpty else { return }
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0, errno == EINTR {
                        continue
                    } else {
                        return  // the log's reader is gone (a closed pipe, a full disk): drop, never block the server
                    }
                }
            }
        }
    }
}
