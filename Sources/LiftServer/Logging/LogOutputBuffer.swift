import Foundation

/// Log lines gathered in memory and written to a file descriptor (standard error unless told
/// otherwise) a few times a second, in one `write` each time, instead of one `write` per line.
///
/// The request log writes a line for every answer. Lines are appended whole under a lock by the
/// threads that log them; only the buffer's own queue writes, so a request never waits for the
/// log's reader. A line waits at most `interval` (100 ms), less when `limit` bytes gather first or
/// a warning asks for a flush. A reader that takes nothing (a full pipe, a stopped terminal) blocks
/// the queue alone: at most `maximumPending` bytes wait in memory, later lines are dropped and
/// counted, and a line saying how many goes out before the next one kept. Stopping (`flush()`)
/// waits at most `stallTimeout` for such a reader.
public final class LogOutputBuffer: TextOutputStream, @unchecked Sendable {
    private let descriptor: Int32
    private let limit: Int
    private let interval: Duration
    private let maximumPending: Int
    private let stallTimeout: Duration
    /// `pending`, `dropped`, `timedFlushScheduled` and `flushQueued` are read and written only
    /// while holding `lock`. `pending` holds whole lines only.
    private let lock = NSLock()
    private var pending: [UInt8] = []
    private var dropped = 0
    private var timedFlushScheduled = false
    private var flushQueued = false
    /// The only place bytes are written, one batch after another.
    private let queue = DispatchQueue(label: "liftcode.log-output")

    /// - Parameters:
    ///   - descriptor: where the lines go (2, standard error).
    ///   - limit: bytes gathered that are written without waiting for the interval.
    ///   - interval: the longest a line waits.
    ///   - maximumPending: the most bytes kept while the reader takes nothing; later lines are dropped.
    ///   - stallTimeout: how long `flush()` waits for a reader that takes nothing.
    public init(
        descriptor: Int32 = STDERR_FILENO, limit: Int = 64 * 1024, interval: Duration = .milliseconds(100),
        maximumPending: Int = 4 << 20, stallTimeout: Duration = .seconds(2)
    ) {
        self.descriptor = descriptor
        self.limit = limit
        self.interval = interval
        self.maximumPending = max(maximumPending, limit)
        self.stallTimeout = stallTimeout
        pending.reserveCapacity(limit)
    }

    /// Adds `string` (a whole line, as a log handler writes it).
    public func write(_ string: String) {
        enum Next { case nothing, writeSoon, writeAfterInterval }
        let next = lock.withLock { () -> Next in
            guard pending.count + string.utf8.count <= maximumPending else {
                dropped += 1
                return .nothing
            }
            if dropped > 0 {
                pending.append(contentsOf: Self.droppedNotice(dropped).utf8)
                dropped = 0
            }
            pending.append(contentsOf: string.utf8)
            if pending.count >= limit, !flushQueued {
                flushQueued = true
                return .writeSoon
            }
            guard !timedFlushScheduled, !flushQueued else { return .nothing }
            timedFlushScheduled = true
            return .writeAfterInterval
        }
        switch next {
        case .nothing: break
        case .writeSoon: queue.async { [weak self] in self?.drain() }
        case .writeAfterInterval:
            let (seconds, attoseconds) = interval.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in self?.drain() }
        }
    }

    /// Has the gathered lines written as soon as the queue can, without waiting for it: for a
    /// warning or an error, on the thread that logged it.
    public func flushSoon() {
        let queueIt = lock.withLock { () -> Bool in
            guard !flushQueued, !pending.isEmpty else { return false }
            flushQueued = true
            return true
        }
        if queueIt { queue.async { [weak self] in self?.drain() } }
    }

    /// Writes every gathered line and returns once they are written, or after `stallTimeout` when
    /// the reader takes nothing (the server calls it when it stops).
    public func flush() {
        let done = DispatchSemaphore(value: 0)
        queue.async { [weak self] in
            self?.drain()
            done.signal()
        }
        _ = done.wait(timeout: .now() + .nanoseconds(Int(stallTimeout.components.seconds) * 1_000_000_000
            + Int(stallTimeout.components.attoseconds / 1_000_000_000)))
    }

    /// The line that says how many lines were dropped.
    static func droppedNotice(_ count: Int) -> String {
        "liftcode: \(count) log lines dropped: the log's reader took nothing for a while\n"
    }

    /// Writes what is gathered (on the queue only).
    private func drain() {
        let bytes = lock.withLock { () -> [UInt8] in
            timedFlushScheduled = false
            flushQueued = false
            var taken = pending
            pending.removeAll(keepingCapacity: true)
            // Lines dropped since the last kept one: said after the lines kept before them.
            if dropped > 0 {
                taken.append(contentsOf: Self.droppedNotice(dropped).utf8)
                dropped = 0
            }
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
                    return  // the log's reader is gone (a closed pipe, a full disk): these lines are lost, the server goes on
                }
            }
        }
    }
}
