import Foundation

/// Shows the progress of long work: a bar redrawn in place on a terminal, plain lines otherwise
/// (logs, CI), at most one line per tenth of the work.
final class ProgressBar: @unchecked Sendable {
    private let title: String
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let lock = NSLock()
    private var lastDrawn = -1
    private let started = Date()

    init(_ title: String) {
        self.title = title
    }

    /// Reports `done` of `total` units.
    func update(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let total = max(total, done, 1)
        let percent = done * 100 / total
        if isTerminal {
            guard percent != lastDrawn || done == total else { return }
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(title) \(bar) \(percent)% \(done)/\(total)".utf8))
        } else {
            guard percent / 10 != lastDrawn / 10 || lastDrawn < 0 else { return }
            FileHandle.standardError.write(Data("\(title): \(done)/\(total) (\(percent)%)\n".utf8))
        }
        lastDrawn = percent
    }

    /// Ends the bar's line with the time taken.
    func finish(_ summary: String) {
        lock.lock()
        defer { lock.unlock() }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(Data("\(summary) in \(seconds) s\n".utf8))
    }
}
