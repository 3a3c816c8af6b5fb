extension Substring {
    /// The substring without leading and trailing spaces, tabs, and line breaks.
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    public var trimmed: String { String(Substring(self).trimmingWhitespace()) }
}
