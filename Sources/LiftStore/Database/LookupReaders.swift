import Foundation
import GRDB
import Synchronization

/// Read-only connections the label lookup reads through on the calling thread.
///
/// A label lookup is two indexed reads that take a few microseconds; handing them to the
/// pool's dispatch queue and back (GRDB's async read) costs two thread switches, more than the
/// reads, and on a busy two-core server most of a lookup's time. A caller takes an idle connection
/// here, reads, and puts it back; it never waits for one: when all are busy it gets nil and reads
/// the usual async way. So no thread of Swift's small cooperative pool ever blocks on another
/// task (the deadlock issue 10's review found came from a blocking read that waited for a reader).
final class LookupReaders: Sendable {
    private let idle: Mutex<[DatabaseQueue]>

    /// Opens `count` read-only connections to the database file at `path` (in WAL mode already).
    init(path: String, count: Int) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "lookup"
        let queues = try (0..<count).map { _ in try DatabaseQueue(path: path, configuration: configuration) }
        idle = Mutex(queues)
    }

    /// Runs `read` on an idle connection now, or returns nil at once when every one is busy.
    /// The reads run without a transaction around them, each statement on its own snapshot.
    func readNow<T>(_ read: (Database) throws -> T) throws -> T? {
        guard let queue = idle.withLock({ $0.popLast() }) else { return nil }
        defer { idle.withLock { $0.append(queue) } }
        return try queue.inDatabase(read)
    }
}
