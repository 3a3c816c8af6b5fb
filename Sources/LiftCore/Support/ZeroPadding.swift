extension BinaryInteger {
    /// The number in decimal, padded with leading zeros to at least `width` digits ("0614" for 614
    /// and 4); negative numbers keep their sign in front. Used where dates and numbers are written
    /// on the hot path: `String(format:)` goes through Foundation's C formatter and costs far more.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self.magnitude)
        let padding = String(repeating: "0", count: Swift.max(0, width - digits.utf8.count))
        return (self < 0 ? "-" : "") + padding + digits
    }
}
