/// A district of the city: the first digit of every N-number issued in it.
public struct District: Sendable, Hashable, Codable {
    /// The district digit, 0-9.
    public var digit: Int
    /// The district's name, e.g. 崇川区.
    public var name: String

    public init(digit: Int, name: String) {
        self.digit = digit
        self.name = name
    }

    /// The lowest and highest numbers the district can hold (N000001-N099999 for digit 0).
    public var numberRange: ClosedRange<Int> {
        let low = digit * 100_000
        return max(low, 1)...(low + 99_999)
    }
}
