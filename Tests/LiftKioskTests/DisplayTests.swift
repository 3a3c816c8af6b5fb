@testable import LiftKiosk
import Testing

/// Display width, sanitizing, wrapping, and the screen model's handling of wide characters.
@Suite struct DisplayTests {
    @Test func widths() {
        #expect(DisplayWidth.of("N006109") == 7)
        #expect(DisplayWidth.of("电梯") == 4)
        #expect(DisplayWidth.of("９６３３３") == 10)  // fullwidth digits
        #expect(DisplayWidth.of("（") == 2)
        #expect(DisplayWidth.of("가") == 2)  // Hangul
        #expect(DisplayWidth.of("カ") == 2)
        #expect(DisplayWidth.of("ｶ") == 1)  // halfwidth katakana
        #expect(DisplayWidth.of("é") == 1)  // e + combining acute
        #expect(DisplayWidth.of("\u{301}") == 0)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("\u{1B}") == 0)
        #expect(DisplayWidth.of("\u{7F}") == 0)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("𠀀") == 2)  // CJK extension B
        #expect(DisplayWidth.of("·") == 1)  // ambiguous: narrow
        #expect(DisplayWidth.wideRanges == DisplayWidth.wideRanges.sorted { $0.lowerBound < $1.lowerBound })
    }

    @Test func sanitizeRemovesWhatCouldDriveTheTerminal() {
        #expect(DisplayText.sanitize("a\u{1B}[2Jb") == "a [2Jb")
        #expect(DisplayText.sanitize("x\u{9B}31my") == "x 31my")  // C1 CSI
        #expect(DisplayText.sanitize("line\nbreak\ttab\r") == "line break tab ")
        #expect(DisplayText.sanitize("evil\u{202E}txt") == "eviltxt")  // bidi override
        #expect(DisplayText.sanitize("\u{E000}") == "?")  // private use
        #expect(DisplayText.sanitize("电梯 N006109") == "电梯 N006109")
    }

    @Test func wrapNeverSplitsACharacterAndKeepsWords() {
        let lines = DisplayText.wrap("南通市崇川区文峰街道紫东花苑", width: 7)
        #expect(lines == ["南通市", "崇川区", "文峰街", "道紫东", "花苑"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 7 })
        #expect(DisplayText.wrap("Hold the label to the scanner", width: 12) == ["Hold the", "label to the", "scanner"])
        #expect(DisplayText.wrap("电梯", width: 1) == [""])
        #expect(DisplayText.truncate("崇川区文峰街道紫东花苑", width: 9) == "崇川区...")
        #expect(DisplayText.tail("ABC电梯", width: 5) == "C电梯")
        #expect(DisplayText.pad("电梯", width: 6) == "电梯  ")
    }

    @Test func screenBufferKeepsWideCharactersWhole() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 10, rows: 2))
        // Nine columns left from column 1: four wide characters fit, the fifth would straddle the edge.
        let end = screen.write("电梯安全公共", row: 0, column: 1)
        #expect(end == 9)
        #expect(screen.line(0) == " 电梯安全")
        // Overwriting the right half of a wide character blanks its left half.
        screen.write("X", row: 0, column: 2)
        #expect(screen.line(0) == "  X梯安全")
        screen.write("电梯", row: 1, column: 0, limit: 3)
        #expect(screen.line(1) == "电")
        #expect(screen.find("梯")?.column == 3)
        // A control character in data is a space, never a raw byte.
        screen.write("a\u{1B}b", row: 1, column: 0)
        #expect(screen.line(1) == "a b")
    }

    @Test func ansiFrameHasNoRawControlsFromData() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 20, rows: 3))
        screen.write("电梯\u{1B}]0;x\u{07}", row: 0, column: 0, style: .bad)
        let frame = String(decoding: ANSIFrame.encode(screen), as: UTF8.self)
        #expect(!frame.contains("\u{07}"))
        #expect(!frame.contains("\u{1B}]"))
        #expect(frame.contains("\u{1B}[1;1H"))
        #expect(frame.contains("\u{1B}[0;1;31m电梯"))
        // An unchanged frame sends only the cursor state.
        let again = String(decoding: ANSIFrame.encode(screen, previous: screen), as: UTF8.self)
        #expect(again == "\u{1B}[?25l")
    }
}
