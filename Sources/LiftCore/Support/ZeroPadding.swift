extension Int {
    /// The number in decimal, padded with leading zeros to at least `width` digits ("0614" for 614
    /// and 4); a negative number keeps its sign in front. Used where dates are written on the hot
    /// path: `String(format:)` goes through Foundation's C formatter and costs far more.
    public func zeroPadded(_ width: Int) -> String {
        var digits = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let sign = self < 0 ? 1 : 0
        let count = sign + Swift.max(width, digits)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var value = magnitude
            var index = count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            } while value > 0
            while index > sign {
                index -= 1
                buffer[index] = UInt8(ascii: "0")
            }
            if sign == 1 { buffer[0] = UInt8(ascii: "-") }
            return count
        }
    }
}
