/// Turns a screen model into the bytes a terminal needs to show it: cursor positioning, SGR
/// colours and the sanitized text of each cell. Rows equal to the previous frame's are skipped.
public enum ANSIFrame {
    /// Enter the kiosk's screen: alternate screen, no autowrap (so the last cell never scrolls),
    /// bracketed paste, cursor hidden, cleared.
    public static let enter = "\u{1B}[?1049h\u{1B}[?7l\u{1B}[?2004h\u{1B}[?25l\u{1B}[0m\u{1B}[2J"
    /// Leave it: the normal screen back as it was.
    public static let leave = "\u{1B}[0m\u{1B}[?2004l\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"
    /// Clear everything (after a resize the terminal may hold stale cells).
    public static let clear = "\u{1B}[0m\u{1B}[2J"

    /// The bytes that draw `screen`, given what the terminal shows now (`previous`, same size) or
    /// nothing known (`nil`: every row is drawn).
    public static func encode(_ screen: ScreenBuffer, previous: ScreenBuffer? = nil) -> [UInt8] {
        var output = "\u{1B}[?25l"
        let comparable = previous?.size == screen.size ? previous : nil
        for row in 0..<screen.size.rows {
            if let comparable, rowEquals(comparable, screen, row) { continue }
            output += "\u{1B}[\(row + 1);1H\u{1B}[0m"
            var style = CellStyle.plain
            for column in 0..<screen.size.columns {
                let cell = screen.cell(row: row, column: column)
                if cell.text.isEmpty { continue }
                if cell.style != style {
                    output += "\u{1B}[\(cell.style.sgrParameters)m"
                    style = cell.style
                }
                output += cell.text
            }
            output += "\u{1B}[0m"
        }
        if let cursor = screen.cursor {
            output += "\u{1B}[\(cursor.row + 1);\(cursor.column + 1)H\u{1B}[?25h"
        }
        return Array(output.utf8)
    }

    private static func rowEquals(_ a: ScreenBuffer, _ b: ScreenBuffer, _ row: Int) -> Bool {
        for column in 0..<a.size.columns where a.cell(row: row, column: column) != b.cell(row: row, column: column) {
            return false
        }
        return true
    }
}
