import LiftCore

/// The label base URLs a server accepts: every one the ledger has printed batches for, and the
/// one given with --base-url (or LIFTCODE_BASE_URL), which is also the public address of links.
struct ServedBaseURLs {
    /// The base URL `/E/<code>` paths are read under first (normalised).
    let primary: String
    /// The other accepted base URLs (normalised).
    let others: [String]
    /// The address of links the server hands out, as configured.
    let publicURL: String
    /// What an operator should know at start.
    let warnings: [String]
    /// Lines that say which labels are accepted.
    let notes: [String]

    /// - Parameters:
    ///   - given: --base-url or LIFTCODE_BASE_URL, when set.
    ///   - fallback: http://HOST:PORT, for a deployment that has printed nothing yet.
    ///   - batches: the ledger's batches, newest first.
    init(given: String?, fallback: String, batches: [BatchSummary]) {
        var printed: [String: Int] = [:]
        var order: [String] = []
        for batch in batches {
            if printed[batch.baseURL] == nil { order.append(batch.baseURL) }
            printed[batch.baseURL, default: 0] += 1
        }
        var warnings: [String] = []
        let publicURL: String
        let primary: String
        if let given {
            var trimmed = given.trimmed
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            publicURL = trimmed
            primary = LabelCode.normalizedBaseURL(given)
            if !order.isEmpty, printed[primary] == nil {
                warnings.append(
                    "no batch in the ledger was printed for \(primary): the labels printed so far carry "
                        + order.joined(separator: ", ") + "; they are accepted too, but check --base-url")
            }
        } else if let newest = order.first {
            primary = newest
            publicURL = newest.lowercased()
        } else {
            primary = LabelCode.normalizedBaseURL(fallback)
            publicURL = fallback
        }
        self.primary = primary
        self.publicURL = publicURL
        others = order.filter { $0 != primary }
        self.warnings = warnings
        notes = ([primary] + others).map { base in
            let count = printed[base] ?? 0
            return "accepting labels of \(base)/E/… (\(counted(count, "batch", "batches")) in the ledger)"
        }
    }
}
