/// A runtime failure with a message for the person at the terminal; the command exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}
