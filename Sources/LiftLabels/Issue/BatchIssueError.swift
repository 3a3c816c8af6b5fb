/// Why a batch cannot be issued or resumed, worded for the person at the terminal.
public enum BatchIssueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The codes of a base URL do not fit the layout (or the layout does not suit the format);
    /// found before the ledger records anything.
    case doesNotFit(baseURL: String, reason: String)
    /// The batch folder's `batch.json` exists but cannot be read.
    case unreadableRecord(path: String, reason: String)

    public var description: String {
        switch self {
        case .doesNotFit(let baseURL, let reason):
            "labels for \(baseURL) do not fit the layout: \(reason)"
        case .unreadableRecord(let path, let reason):
            "\(path) cannot be read: \(reason); move it away to render the batch from the ledger"
        }
    }
}
