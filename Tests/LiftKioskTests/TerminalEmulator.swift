import LiftKiosk

/// Just enough of a VT100 to read back what the kiosk drew on a pseudo-terminal: cursor
/// positioning, clearing, SGR (ignored), private modes (the alternate screen), UTF-8 text with
/// wide characters taking two cells.
struct TerminalEmulator {
    private(set) var columns: Int
    private(set) var rows: Int
    private var cells: [[String]]
    private var row = 0
    private var column = 0
    private var pending: [UInt8] = []
    /// Private modes seen set (h) and reset (l), in order: "?1049h", "?2004h", …
    private(set) var modes: [String] = []

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    mutating func resize(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
        row = 0
        column = 0
    }

    /// The screen's rows, wide characters once, trailing spaces dropped.
    var lines: [String] {
        cells.map { line in
            var text = line.joined()
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    var text: String { lines.joined(separator: "\n") }

    mutating func feed(_ bytes: [UInt8]) {
        pending += bytes
        var index = 0
        while index < pending.count {
            let byte = pending[index]
            if byte == 0x1B {
                guard let end = sequenceEnd(from: index) else { break }
                apply(Array(pending[(index + 1)..<end]))
                index = end
            } else if byte < 0x20 {
                if byte == 0x0D { column = 0 }
                if byte == 0x0A { row = min(row + 1, rows - 1) }
                index += 1
            } else {
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                guard index + length <= pending.count else { break }
                let text = String(decoding: pending[index..<(index + length)], as: UTF8.self)
                put(text)
                index += length
            }
        }
        pending.removeFirst(index)
    }

    private func sequenceEnd(from start: Int) -> Int? {
        guard start + 1 < pending.count else { return nil }
        guard pending[start + 1] == UInt8(ascii: "[") else { return start + 2 }
        var index = start + 2
        while index < pending.count {
            if pending[index] >= 0x40 && pending[index] <= 0x7E { return index + 1 }
            index += 1
        }
        return nil
    }

    private mutating func apply(_ sequence: [UInt8]) {
        guard sequence.first == UInt8(ascii: "["), let final = sequence.last else { return }
        let parameters = String(decoding: sequence.dropFirst().dropLast(), as: UTF8.self)
        let numbers = parameters.split(separator: ";").map { Int($0) ?? 0 }
        switch final {
        case UInt8(ascii: "H"):
            row = min(max((numbers.first ?? 1) - 1, 0), rows - 1)
            column = min(max((numbers.count > 1 ? numbers[1] : 1) - 1, 0), columns - 1)
        case UInt8(ascii: "J"):
            if parameters == "2" { cells = Array(repeating: Array(repeating: " ", count: columns), count: rows) }
        case UInt8(ascii: "h"), UInt8(ascii: "l"):
            modes.append(parameters + String(UnicodeScalar(final)))
        default:
            break
        }
    }

    private mutating func put(_ text: String) {
        let width = DisplayWidth.of(text)
        guard width > 0, column + width <= columns else { return }
        cells[row][column] = text
        if width == 2 { cells[row][column + 1] = "" }
        column += width
    }
}
