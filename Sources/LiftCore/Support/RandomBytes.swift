/// Random bytes from the system's cryptographic generator, eight to a draw: a byte at a time cost
/// a system call each, twenty-one for every complaint filed.
public enum RandomBytes {
    /// `count` fresh random bytes.
    public static func make(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
