/// A caller's closure carried into database work that runs on the store's own thread: a
/// `forEach…` row handler, or an import's row producer.
///
/// GRDB runs an async read or write on its own queue and requires the closure it runs to be
/// `Sendable`; a caller's handler (an export writing rows to its file, an importer reading its
/// file) is not. The store calls it there, in order, while the caller is suspended waiting for
/// that same read or write, so it is never used from two threads at once. That is the invariant
/// this wrapper asserts to the compiler; it must not be stored beyond the call it was made for.
struct CallerClosure<Closure>: @unchecked Sendable {
    let run: Closure

    init(_ run: Closure) {
        self.run = run
    }
}
