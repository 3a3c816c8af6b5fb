/// A usage error found while a command runs (an unknown district, a value the tables do not
/// know): the message goes to stderr and the command exits 64, as a bad option does.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}
