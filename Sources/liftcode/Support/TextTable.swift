import LiftKiosk

/// Prints rows as aligned columns, measuring text by terminal display width (a CJK character
/// takes two columns), as the kiosk does.
enum TextTable {
    static func print(header: [String], rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        for (index, row) in all.enumerated() {
            let cells = row.enumerated().map { column, text in
                text + String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(text)))
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            Swift.print(line)
            if index == 0 { Swift.print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }
}
