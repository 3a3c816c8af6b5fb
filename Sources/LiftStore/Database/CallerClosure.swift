import GRDB

/// A caller's closure carried into database work that runs on the store's own thread: a
/// `forEach…` row handler, or an import's row producer.
///
/// GRDB runs an async read or write on its own queue and requires the closure it runs to be
/// `Sendable`; a caller's handler (an export writing rows to its file, an importer reading its
/// file) is not. The store calls it there, in order, while the caller is suspended waiting for
/// that same read or write, so it is never used from two threads at once. That is the invariant
/// this wrapper asserts to the compiler; it must not be stored beyond the call it was made for.
/// Only the two `AppDatabase` methods below make one.
struct CallerClosure<Closure>: @unchecked Sendable {
    let run: Closure

    init(_ run: Closure) {
        self.run = run
    }
}

extension AppDatabase {
    /// Runs `work` in a read on the store's thread, handing it the caller's row handler `body`.
    func read<Item, Value: Sendable>(
        calling body: (Item) throws -> Void, _ work: @escaping @Sendable (Database, (Item) throws -> Void) throws -> Value
    ) async throws -> Value {
        try await withoutActuallyEscaping(body) { body in
            let body = CallerClosure(body)
            return try await reader.read { db in try work(db, body.run) }
        }
    }

    /// Runs `work` in a write on the store's thread (in one transaction, or with `transaction`
    /// false in none, for work that commits its own), handing it the caller's row producer.
    func write<Item, Outcome, Value: Sendable>(
        calling produce: ((Item) throws -> Outcome) throws -> Void, transaction: Bool = true,
        _ work: @escaping @Sendable (Database, ((Item) throws -> Outcome) throws -> Void) throws -> Value
    ) async throws -> Value {
        try await withoutActuallyEscaping(produce) { produce in
            let produce = CallerClosure(produce)
            if transaction {
                return try await dbWriter.write { db in try work(db, produce.run) }
            }
            return try await dbWriter.writeWithoutTransaction { db in try work(db, produce.run) }
        }
    }
}
