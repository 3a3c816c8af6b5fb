/// How a cell is drawn: one of the 16 colours every terminal has (the Linux console included),
/// bold, or reversed.
public struct CellStyle: Sendable, Hashable {
    /// The eight ANSI colours.
    public enum Color: UInt8, Sendable, Hashable {
        case black = 0, red, green, yellow, blue, magenta, cyan, white
    }

    public var foreground: Color?
    public var background: Color?
    public var bold: Bool

    public init(foreground: Color? = nil, background: Color? = nil, bold: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
    }

    /// The terminal's default colours.
    public static let plain = CellStyle()
    public static let bold = CellStyle(bold: true)
    /// A title bar.
    public static let header = CellStyle(foreground: .white, background: .blue, bold: true)
    public static let good = CellStyle(foreground: .green, bold: true)
    public static let bad = CellStyle(foreground: .red, bold: true)
    public static let warning = CellStyle(foreground: .yellow, bold: true)
    public static let dim = CellStyle(foreground: .cyan)
    public static let goodBar = CellStyle(foreground: .black, background: .green, bold: true)
    public static let badBar = CellStyle(foreground: .white, background: .red, bold: true)
    public static let warningBar = CellStyle(foreground: .black, background: .yellow, bold: true)
    public static let selected = CellStyle(foreground: .black, background: .white, bold: true)

    /// The SGR parameters that set this style from the default one ("0" first).
    var sgrParameters: String {
        var parameters = ["0"]
        if bold { parameters.append("1") }
        if let foreground { parameters.append(String(30 + Int(foreground.rawValue))) }
        if let background { parameters.append(String(40 + Int(background.rawValue))) }
        return parameters.joined(separator: ";")
    }
}
