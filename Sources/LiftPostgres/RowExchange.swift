import Foundation

/// Runs a caller's synchronous producer on a thread of its own when each row it hands over needs
/// an answer from the database before it goes on (a unit import reports each unit's outcome): the
/// producer's thread waits for each answer, the async side computes it.
///
/// `exchange(_:answer:)` returns only after the producer's thread has finished with the caller's
/// non-escaping closure.
final class RowExchange<Input, Output>: @unchecked Sendable {
    /// Every stored property below is touched only while holding `condition`.
    private let condition = NSCondition()
    private var pending: Input?
    private var answer: Result<Output, any Error>?
    private var isDone = false
    private var failure: (any Error)?
    private var waiter: CheckedContinuation<Void, Never>?

    /// Calls `answer` for each input `produce` hands over and gives the producer its result.
    static func exchange(
        _ produce: ((Input) throws -> Output) throws -> Void, answer: (Input) async throws -> Output
    ) async throws {
        try await withoutActuallyEscaping(produce) { produce in
            let exchange = RowExchange()
            exchange.start(ProducerBox(run: produce))
            var firstError: (any Error)?
            while let input = await exchange.nextInput() {
                if firstError != nil {
                    exchange.reply(.failure(CancellationError()))
                    continue
                }
                do {
                    exchange.reply(.success(try await answer(input)))
                } catch {
                    firstError = error
                    exchange.reply(.failure(error))
                }
            }
            if let firstError { throw firstError }
            if let failure = exchange.finalFailure() { throw failure }
        }
    }

    private struct ProducerBox: @unchecked Sendable {
        let run: ((Input) throws -> Output) throws -> Void
    }

    /// The caller's producer while its thread runs it; set and cleared while holding `condition`.
    private var producer: ProducerBox?

    private func start(_ producer: ProducerBox) {
        condition.lock()
        self.producer = producer
        condition.unlock()
        // The thread holds this exchange, never the caller's closure itself (see `RowFeed`).
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
        do {
            try producer.run { input in try self.ask(input) }
            return nil
        } catch {
            return error
        }
    }

    /// On the producer's thread: hands over one input and waits for its answer.
    private func ask(_ input: Input) throws -> Output {
        condition.lock()
        pending = input
        let waiting = waiter
        waiter = nil
        condition.unlock()
        waiting?.resume()
        condition.lock()
        while answer == nil { condition.wait() }
        let result = answer!
        answer = nil
        condition.unlock()
        return try result.get()
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

    private func reply(_ result: Result<Output, any Error>) {
        condition.lock()
        answer = result
        condition.signal()
        condition.unlock()
    }

    private func finalFailure() -> (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    private enum Poll {
        case input(Input)
        case finished
        case empty
    }

    /// What is there now, without waiting.
    private func poll() -> Poll {
        condition.lock()
        defer { condition.unlock() }
        if let input = pending {
            pending = nil
            return .input(input)
        }
        return isDone ? .finished : .empty
    }

    /// Parks `continuation` until the producer hands over an input (or finishes), unless it already has.
    private func park(_ continuation: CheckedContinuation<Void, Never>) {
        condition.lock()
        if pending != nil || isDone {
            condition.unlock()
            continuation.resume()
        } else {
            waiter = continuation
            condition.unlock()
        }
    }

    /// The next input, nil once the producer has finished.
    private func nextInput() async -> Input? {
        while true {
            switch poll() {
            case .input(let input): return input
            case .finished: return nil
            case .empty: await withCheckedContinuation { park($0) }
            }
        }
    }
}
