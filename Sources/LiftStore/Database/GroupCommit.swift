import Foundation
import GRDB

/// Runs small writes that arrive together in one transaction, each in its own savepoint.
///
/// Every write is on disk (WAL, `synchronous = FULL`) before its caller hears back, as for a plain
/// transaction, but the writes that queue up while one commit is syncing share the next commit's
/// sync. That is what lets complaint filing acknowledge thousands of durable complaints a second
/// where one sync per complaint would allow a few hundred. One write's error (an unknown elevator)
/// rolls back its own savepoint only.
final class GroupCommit: @unchecked Sendable {
    /// One queued write: its work and who waits for it.
    private struct Job: Sendable {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private let writer: any DatabaseWriter
    /// The most writes one transaction takes, so one commit never holds the writer for long.
    private let maximumBatch: Int
    /// `pending` and `isDraining` are read and written only while holding `lock`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var isDraining = false

    init(writer: any DatabaseWriter, maximumBatch: Int = 512) {
        self.writer = writer
        self.maximumBatch = maximumBatch
    }

    /// Runs `work` in the next group transaction and returns once that transaction is committed.
    func perform<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            let startsDraining = lock.withLock {
                pending.append(Job(work: { db in try work(db) }, continuation: continuation))
                guard !isDraining else { return false }
                isDraining = true
                return true
            }
            if startsDraining {
                Task { await self.drain() }
            }
        }
        return value as! T  // the job above wraps exactly a T
    }

    /// Commits queued writes, a batch at a time, until none are left.
    private func drain() async {
        while true {
            let jobs: [Job] = lock.withLock {
                let batch = Array(pending.prefix(maximumBatch))
                pending.removeFirst(batch.count)
                if batch.isEmpty { isDraining = false }
                return batch
            }
            guard !jobs.isEmpty else { return }
            do {
                let results = try await writer.write { db in
                    jobs.map { job -> Result<any Sendable, any Error> in
                        do {
                            var value: (any Sendable)?
                            try db.inSavepoint {
                                value = try job.work(db)
                                return .commit
                            }
                            return .success(value!)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                for (job, result) in zip(jobs, results) { job.continuation.resume(with: result) }
            } catch {
                // The transaction itself failed (disk full, I/O error): nothing of it was written.
                for job in jobs { job.continuation.resume(throwing: error) }
            }
        }
    }
}
