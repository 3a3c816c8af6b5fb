/// Watches the raw input bytes for the configured admin sequence, the only way out of a kiosk
/// that does not allow Ctrl-C.
public struct AdminSequenceMatcher: Sendable {
    public let sequence: [UInt8]
    private var recent: [UInt8] = []

    /// A matcher for a sequence; an empty sequence never matches.
    public init(sequence: [UInt8]) {
        self.sequence = sequence
        recent.reserveCapacity(sequence.count)
    }

    /// Feeds bytes; true once the last bytes seen are the sequence.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> Bool {
        guard !sequence.isEmpty else { return false }
        var matched = false
        for byte in bytes {
            if recent.count == sequence.count { recent.removeFirst() }
            recent.append(byte)
            if recent == sequence { matched = true }
        }
        return matched
    }
}
