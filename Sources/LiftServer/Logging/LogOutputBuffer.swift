import Foundation

/// Log lines gathered in memory and written to a file descriptor (standard error unless told
/// otherwise) in one `write` a few times a second, instead of one `write` per line.
///
/// The request log writes a line for every answer; at tens of thousands of answers a second the
/// per-line system call cost about a quarter of a cached label page. Lines are written whole and
/// in order; they wait at most `interval` (100 ms), or less when `limit` bytes gather first, and
/// `flush()` writes at once (the handler calls it for warnings and errors, and the server when it
/// stops).
///
/// A reader that stops reading (a full pipe, a stopped terminal) never stalls the server: a
/// request's thread writes only what the descriptor takes without waiting and leaves the rest to
/// the buffer's own queue; at most `maximumPending` bytes wait in memory, and lines beyond that
/// are dropped and counted (a line says how many once the reader is back). Stopping waits at most
/// `stallTimeout` for a reader that takes nothing.
public final class LogOutputBuffer: TextOutputStream, @unchecked Sendable {
    private let descriptor: Int32
    private let limit: Int
    private let interval: Duration
    private let maximumPending: Int
    private let stallTimeout: Duration
    /// The most one `write` is given: a pipe or socket that polls writable takes this much without
    /// blocking (`PIPE_BUF`); a regular file takes everything at once.
    private let chunk: Int
    /// `pending`, `dropped`, `timedFlushScheduled` and `queuedFlushScheduled` are read and written
    /// only while holding `lock`.
    private let lock = NSLock()
    private var pending: [UInt8] = []
    private var dropped = 0
    private var timedFlushScheduled = false
    private var queuedFlushScheduled = false
    /// Serialises the writes themselves, so two flushes never interleave their bytes.
    private let writing = NSLock()
    private let queue = DispatchQueue(label: "liftcode.log-output")

    /// - Parameters:
    ///   - descriptor: where the lines go (2, standard error).
    ///   - limit: bytes gathered that are written without waiting for the interval.
    ///   - interval: the longest a line waits.
    ///   - maximumPending: the most bytes kept while the reader takes nothing; later lines are dropped.
    ///   - stallTimeout: how long a flush waits for a reader that takes nothing before trying later
    ///     (or, on stopping, giving up).
    public init(
        descriptor: Int32 = STDERR_FILENO, limit: Int = 64 * 1024, interval: Duration = .milliseconds(100),
        maximumPending: Int = 4 << 20, stallTimeout: Duration = .seconds(2)
    ) {
        self.descriptor = descriptor
        self.limit = limit
        self.interval = interval
        self.maximumPending = max(maximumPending, limit)
        self.stallTimeout = stallTimeout
        var status = stat()
        let isRegularFile = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        chunk = isRegularFile ? Int.max : Int(PIPE_BUF)
        pending.reserveCapacity(limit)
    }

    deinit { flush() }

    /// Adds `string` (a whole line, as a log handler writes it).
    public func write(_ string: String) {
        let (full, schedule) = lock.withLock { () -> (Bool, Bool) in
            guard pending.count + string.utf8.count <= maximumPending else {
                dropped += 1
                return (false, false)
            }
            pending.append(contentsOf: string.utf8)
            if pending.count >= limit { return (true, false) }
            guard !timedFlushScheduled else { return (false, false) }
            timedFlushScheduled = true
            return (false, true)
        }
        if full {
            flushWithoutWaiting()
        } else if schedule {
            startTimedFlush()
        }
    }

    /// Writes every gathered line now, waiting at most `stallTimeout` for a reader that takes
    /// nothing (the server calls it when it stops).
    public func flush() {
        writing.withLock { _ = drain(waitingAtMost: stallTimeout) }
    }

    /// Writes what the descriptor takes now without waiting, and leaves the rest to the buffer's
    /// queue: for a request's thread (a warning, a full buffer), which must never wait for a reader.
    public func flushWithoutWaiting() {
        guard writing.try() else {
            // Another flush is writing (perhaps waiting for a slow reader): the queue takes these after it.
            scheduleQueuedFlush()
            return
        }
        let finished = drain(waitingAtMost: .zero)
        writing.unlock()
        if !finished { scheduleQueuedFlush() }
    }

    /// A flush on the buffer's queue, soon (one at a time however many ask).
    private func scheduleQueuedFlush() {
        let schedule = lock.withLock { () -> Bool in
            guard !queuedFlushScheduled else { return false }
            queuedFlushScheduled = true
            return true
        }
        guard schedule else { return }
        queue.async { [weak self] in
            guard let self else { return }
            lock.withLock { queuedFlushScheduled = false }
            writing.withLock { _ = drain(waitingAtMost: stallTimeout) }
            retryIfLeft()
        }
    }

    /// After a flush on the queue gave up on a stalled reader: try again after the interval.
    private func retryIfLeft() {
        let left = lock.withLock { () -> Bool in
            guard !pending.isEmpty, !timedFlushScheduled else { return false }
            timedFlushScheduled = true
            return true
        }
        if left { startTimedFlush() }
    }

    /// A flush on the queue after `interval` (`timedFlushScheduled` already set).
    private func startTimedFlush() {
        let (seconds, attoseconds) = interval.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in
            guard let self else { return }
            lock.withLock { timedFlushScheduled = false }
            writing.withLock { _ = drain(waitingAtMost: stallTimeout) }
            retryIfLeft()
        }
    }

    /// Writes the pending bytes (called holding `writing`), waiting at most `timeout` each time the
    /// reader takes nothing; what is not written goes back in front of the lines gathered since.
    /// True when everything was written (or dropped because the reader is gone).
    private func drain(waitingAtMost timeout: Duration) -> Bool {
        var bytes = lock.withLock { () -> [UInt8] in
            var taken = pending
            pending.removeAll(keepingCapacity: true)
            if dropped > 0 {
                taken = Array("liftcode: \(dropped) log lines dropped: the log's reader took nothing for a while\n".utf8) + taken
                dropped = 0
            }
            return taken
        }
        guard !bytes.isEmpty else { return true }
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(clamping: Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        var offset = 0
        var gone = false
        while offset < bytes.count {
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            if ready == 0 { break }  // the reader took nothing in time: keep the rest
            if poller.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                gone = true  // the log's reader is gone (a closed pipe): drop, without a SIGPIPE
                break
            }
            let size = min(chunk, bytes.count - offset)
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, size) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else {
                gone = true  // the log's reader is gone (a closed pipe, a full disk): drop, never block the server
                break
            }
        }
        if gone || offset == bytes.count { return true }
        bytes.removeFirst(offset)
        lock.withLock { pending = bytes + pending }
        return false
    }
}
