/// The screen model: a grid of cells, each holding one character of display width 1, or the left
/// half of a wide one (its right half is a continuation cell). The renderer draws into it, the
/// ANSI encoder sends it to the terminal, and tests read it back as lines.
public struct ScreenBuffer: Sendable, Equatable {
    /// One cell: a character, or "" for the right half of a wide character.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var style: CellStyle

        public static let blank = Cell(text: " ", style: .plain)
        var isContinuation: Bool { text.isEmpty }
    }

    public let size: TerminalSize
    private(set) var cells: [Cell]
    /// Where the terminal's cursor should be shown (row, column), or nil to hide it.
    public var cursor: (row: Int, column: Int)? {
        get { cursorPosition.map { ($0 / size.columns, $0 % size.columns) } }
        set { cursorPosition = newValue.flatMap { contains(row: $0.row, column: $0.column) ? $0.row * size.columns + $0.column : nil } }
    }
    private var cursorPosition: Int?

    public init(size: TerminalSize) {
        self.size = size
        cells = Array(repeating: .blank, count: size.columns * size.rows)
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.size == rhs.size && lhs.cursorPosition == rhs.cursorPosition && lhs.cells == rhs.cells
    }

    func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < size.rows && column >= 0 && column < size.columns
    }

    /// The cell at a position; a blank one outside the screen.
    public func cell(row: Int, column: Int) -> Cell {
        contains(row: row, column: column) ? cells[row * size.columns + column] : .blank
    }

    /// Writes sanitized text from a column, clipped at `limit` columns (the line's end by default).
    /// A wide character that would straddle the limit is left out, never split.
    ///
    /// - Returns: the column after the last one written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, row: Int, column: Int, style: CellStyle = .plain, limit: Int? = nil) -> Int {
        guard row >= 0, row < size.rows else { return column }
        let end = min(size.columns, column + (limit ?? size.columns))
        var at = max(column, 0)
        for character in DisplayText.sanitize(text) {
            let width = DisplayWidth.of(character)
            if width == 0 {
                // A combining mark joins the character before it.
                if at > 0, let previous = baseIndex(row: row, column: at - 1) {
                    cells[previous].text.append(character)
                }
                continue
            }
            if at + width > end { break }
            clear(row: row, column: at, width: width)
            let index = row * size.columns + at
            cells[index] = Cell(text: String(character), style: style)
            if width == 2 { cells[index + 1] = Cell(text: "", style: style) }
            at += width
        }
        return at
    }

    /// Fills columns with spaces in a style (a coloured bar).
    public mutating func fill(row: Int, from column: Int = 0, width: Int? = nil, style: CellStyle) {
        guard row >= 0, row < size.rows else { return }
        let start = max(column, 0)
        let end = min(size.columns, start + (width ?? size.columns))
        guard start < end else { return }
        clear(row: row, column: start, width: end - start)
        for at in start..<end { cells[row * size.columns + at] = Cell(text: " ", style: style) }
    }

    /// Writes text centred on a row.
    @discardableResult
    public mutating func center(_ text: String, row: Int, style: CellStyle = .plain) -> Int {
        let fitted = DisplayText.truncate(DisplayText.sanitize(text), width: size.columns)
        let column = max(0, (size.columns - DisplayWidth.of(fitted)) / 2)
        return write(fitted, row: row, column: column, style: style)
    }

    /// Breaks wide characters that a write is about to cover half of, so no half is left behind.
    private mutating func clear(row: Int, column: Int, width: Int) {
        let base = row * size.columns
        if column > 0, cells[base + column].isContinuation {
            cells[base + column - 1] = .blank
        }
        let last = column + width - 1
        if last + 1 < size.columns, cells[base + last + 1].isContinuation {
            cells[base + last + 1] = .blank
        }
    }

    private func baseIndex(row: Int, column: Int) -> Int? {
        var at = column
        while at >= 0 {
            let index = row * size.columns + at
            if !cells[index].isContinuation { return index }
            at -= 1
        }
        return nil
    }

    /// A row's text: wide characters once, trailing spaces dropped.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < size.rows else { return "" }
        var text = ""
        for column in 0..<size.columns {
            let cell = cells[row * size.columns + column]
            if !cell.isContinuation { text += cell.text }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row's text.
    public var lines: [String] { (0..<size.rows).map(line) }

    /// The whole screen as text, one line a row.
    public var text: String { lines.joined(separator: "\n") }

    /// Where `needle` first appears: its row and display column.
    public func find(_ needle: String) -> (row: Int, column: Int)? {
        for row in 0..<size.rows {
            let text = line(row)
            if let range = text.range(of: needle) {
                return (row, DisplayWidth.of(text[..<range.lowerBound]))
            }
        }
        return nil
    }

    /// The style of the cell where `needle` first appears.
    public func style(of needle: String) -> CellStyle? {
        find(needle).map { cell(row: $0.row, column: $0.column).style }
    }
}
