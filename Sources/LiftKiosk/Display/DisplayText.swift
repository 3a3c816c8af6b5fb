/// Text made safe and fitted for the terminal: sanitized, measured, wrapped and cut by display
/// width, never splitting a character.
///
/// Everything the kiosk shows passes through ``sanitize(_:)`` first, so no data (an address, a
/// unit's name, a reason from the server) can carry an escape sequence or a control character to
/// the terminal.
public enum DisplayText {
    /// The text with control characters turned into spaces, format characters (bidi overrides,
    /// zero-width spaces) dropped, and private-use or unassigned scalars shown as "?".
    public static func sanitize(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F..<0xA0).contains(value) {
                scalars.append(" ")
                continue
            }
            if value < 0x7F {
                scalars.append(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .spaceSeparator:
                scalars.append(" ")
            case .format:
                // A zero-width joiner stays inside emoji sequences; every other format character goes.
                if value == 0x200D { scalars.append(scalar) }
            case .privateUse, .unassigned, .surrogate:
                scalars.append("?")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The text cut to at most `width` columns; "..." marks a cut when there is room for it.
    public static func truncate(_ text: some StringProtocol, width: Int) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return String(text) }
        let marker = width >= 6 ? "..." : ""
        let room = width - marker.count
        var result = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + marker
    }

    /// The last columns of the text that fit in `width`: an input line shows its end.
    public static func tail(_ text: some StringProtocol, width: Int) -> String {
        guard width > 0 else { return "" }
        var result: [Character] = []
        var used = 0
        for character in text.reversed() {
            let columns = DisplayWidth.of(character)
            if used + columns > width { break }
            result.append(character)
            used += columns
        }
        return String(result.reversed())
    }

    /// The text padded with spaces to exactly `width` columns (cut first when longer).
    public static func pad(_ text: some StringProtocol, width: Int) -> String {
        let cut = truncate(text, width: width)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }

    /// Lines of at most `width` columns. Latin words move whole to the next line when they fit
    /// on one; Chinese text breaks between any two characters; no character is ever split.
    public static func wrap(_ text: some StringProtocol, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in String(text).split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapParagraph(paragraph, width: width)
        }
        return lines
    }

    private static func wrapParagraph(_ text: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line: [Character] = []
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns > width { continue }
            if used + columns > width {
                // Move a trailing Latin word to the next line when the line has a space to break at.
                var carried: [Character] = []
                if character != " ", isWordCharacter(character), let space = line.lastIndex(of: " "), space > 0,
                    line[(space + 1)...].allSatisfy(isWordCharacter)
                {
                    carried = Array(line[(space + 1)...])
                    line.removeSubrange(space...)
                }
                lines.append(String(line))
                line = carried
                used = DisplayWidth.of(String(carried))
                if character == " " && line.isEmpty { continue }
            }
            line.append(character)
            used += columns
        }
        lines.append(String(line))
        return lines
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii > 0x20 && ascii < 0x7F
    }
}
