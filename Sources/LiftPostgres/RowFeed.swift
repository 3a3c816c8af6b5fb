import Foundation

/// Runs a caller's synchronous row producer (an importer reading its file) on a thread of its own
/// and hands its rows to async database work in chunks, a few chunks ahead at most, so an import
/// of a million rows keeps memory flat and the cooperative threads never block.
///
/// The producer is the caller's non-escaping closure: `feed(_:)` returns only after the producer's
/// thread has finished with it, whatever happened.
final class RowFeed<Row>: @unchecked Sendable {
    /// `queue`, `isDone`, `failure`, `isStopped` and `waiter` are touched only while holding `condition`.
    private let condition = NSCondition()
    private var queue: [[Row]] = []
    private var isDone = false
    private var failure: (any Error)?
    private var isStopped = false
    private var waiter: CheckedContinuation<Void, Never>?
    private let chunkSize: Int
    private let aheadLimit = 2

    private init(chunkSize: Int) {
        self.chunkSize = chunkSize
    }

    /// Calls `consume` with each chunk of the rows `produce` hands over, in order. An error from
    /// either side stops both and is rethrown.
    static func feed(
        chunkSize: Int, _ produce: ((Row) throws -> Void) throws -> Void, consume: ([Row]) async throws -> Void
    ) async throws {
        try await withoutActuallyEscaping(produce) { produce in
            let feed = RowFeed(chunkSize: chunkSize)
            feed.start(ProducerBox(run: produce))
            do {
                while let chunk = try await feed.next() { try await consume(chunk) }
            } catch {
                feed.stop()
                while (try? await feed.next()) != nil {}
                throw error
            }
        }
    }

    /// The caller's producer, carried to the producer thread; used there only while `feed` waits.
    private struct ProducerBox: @unchecked Sendable {
        let run: ((Row) throws -> Void) throws -> Void
    }

    /// The caller's producer while its thread runs it; set and cleared while holding `condition`.
    private var producer: ProducerBox?

    private func start(_ producer: ProducerBox) {
        condition.lock()
        self.producer = producer
        condition.unlock()
        // The thread holds this feed, never the caller's closure itself: the closure must be
        // released before `feed` returns, and a thread's block is released only after it ends.
        Thread.detachNewThread { [self] in
            let outcome = runProducer()
            finish(outcome)
        }
    }

    /// Runs the producer and lets go of it; returns its error, if any.
    private func runProducer() -> (any Error)? {
        condition.lock()
        let producer = self.producer
        self.producer = nil
        condition.unlock()
        guard let producer else { return nil }
        var chunk: [Row] = []
        chunk.reserveCapacity(chunkSize)
        do {
            try producer.run { row in
                chunk.append(row)
                if chunk.count >= self.chunkSize {
                    try self.push(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { try push(chunk) }
            return nil
        } catch {
            return error
        }
    }

    private func push(_ chunk: [Row]) throws {
        condition.lock()
        while queue.count >= aheadLimit && !isStopped { condition.wait() }
        guard !isStopped else {
            condition.unlock()
            throw CancellationError()
        }
        queue.append(chunk)
        let waiting = waiter
        waiter = nil
        condition.unlock()
        waiting?.resume()
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        isDone = true
        failure = error
        let waiting = waiter
        waiter = nil
        condition.unlock()
        waiting?.resume()
    }

    private func stop() {
        condition.lock()
        isStopped = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private enum Poll {
        case chunk([Row])
        case finished((any Error)?)
        case empty
    }

    /// What is there now, without waiting.
    private func poll() -> Poll {
        condition.lock()
        defer { condition.unlock() }
        if !queue.isEmpty {
            condition.signal()
            return .chunk(queue.removeFirst())
        }
        return isDone ? .finished(failure) : .empty
    }

    /// Parks `continuation` until the producer hands over more (or finishes), unless it already has.
    private func park(_ continuation: CheckedContinuation<Void, Never>) {
        condition.lock()
        if !queue.isEmpty || isDone {
            condition.unlock()
            continuation.resume()
        } else {
            waiter = continuation
            condition.unlock()
        }
    }

    /// The next chunk, nil after the last; throws the producer's error.
    private func next() async throws -> [Row]? {
        while true {
            switch poll() {
            case .chunk(let chunk): return chunk
            case .finished(let failure):
                if let failure { throw failure }
                return nil
            case .empty: await withCheckedContinuation { park($0) }
            }
        }
    }
}
