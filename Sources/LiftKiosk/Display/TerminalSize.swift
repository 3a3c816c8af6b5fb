/// A terminal's size in character cells.
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    /// A size, clamped to 1...1000 each way so a bogus ioctl answer cannot allocate a huge screen.
    public init(columns: Int, rows: Int) {
        self.columns = min(max(columns, 1), 1000)
        self.rows = min(max(rows, 1), 1000)
    }

    /// The smallest size the kiosk is laid out for, and what it assumes when the size is unknown.
    public static let standard = TerminalSize(columns: 80, rows: 24)

    public var description: String { "\(columns)x\(rows)" }
}
