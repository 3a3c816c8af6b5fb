/// Why an import stopped: the line of the file and what is wrong with it.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// The 1-based line (row) of the file; 0 when the file as a whole is wrong.
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
