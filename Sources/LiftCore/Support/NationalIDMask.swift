/// Finds mainland resident identity numbers (居民身份证号码) in free text and masks them before
/// anything is stored, so no national ID number is ever stored or shown (DESIGN.md section 12).
///
/// What counts as one:
/// - 18 characters (GB 11643: 17 digits and a check character, 0-9 or X) whose check character
///   is right, so order numbers and other long numbers stay as they are;
/// - the old 15-digit form, whose check is its place and birth date (a province code and a real
///   YYMMDD), since it has no check character;
/// - written with digits of any script (full-width, Arabic-Indic, mathematical…), and with
///   spaces, hyphens, dots or invisible characters between the digits (`110105 19491231 002X`).
/// A number that is part of a longer run of digits is left alone.
///
///     NationalIDMask.masking("身份证 11010519491231002X 联系我")  // "身份证 ****************** 联系我"
public enum NationalIDMask {
    /// What replaces each character of a masked number.
    public static let maskCharacter: Character = "*"

    /// The text with every resident ID number replaced by asterisks (separators inside included).
    public static func masking(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 15 else { return text }
        var result = characters
        var changed = false
        var index = 0
        while index < characters.count {
            guard digitValue(characters[index]) != nil, index == 0 || !continuesNumber(characters[index - 1]) else {
                index += 1
                continue
            }
            // The run of digits from here, separators allowed between them; positions of each digit.
            var digits: [Int] = []
            var positions: [Int] = []
            var cursor = index
            var lastDigitEnd = index
            var checkX: Int?
            while cursor < characters.count, digits.count < 19 {
                let character = characters[cursor]
                if let value = digitValue(character) {
                    digits.append(value)
                    positions.append(cursor)
                    cursor += 1
                    lastDigitEnd = cursor
                } else if digits.count == 17, isCheckX(character) {
                    checkX = cursor
                    cursor += 1
                    lastDigitEnd = cursor
                    break
                } else if isSeparator(character), cursor + 1 < characters.count {
                    cursor += 1
                } else {
                    break
                }
            }
            // The run must end here: no more digits right after it.
            let next = lastDigitEnd < characters.count ? characters[lastDigitEnd] : nil
            let endsHere = next.map { digitValue($0) == nil } ?? true
            var masked: Range<Int>?
            if endsHere {
                if let checkX, digits.count == 17, isValid(digits, checkIsX: true) {
                    masked = index..<(checkX + 1)
                } else if checkX == nil, digits.count == 18, isValid(Array(digits.prefix(17)) + [digits[17]], checkIsX: false) {
                    masked = index..<(positions[17] + 1)
                } else if checkX == nil, digits.count == 15, isOldForm(digits) {
                    masked = index..<(positions[14] + 1)
                }
            }
            if let masked {
                for position in masked { result[position] = maskCharacter }
                changed = true
                index = masked.upperBound
            } else {
                // Skip this run of digits (a longer number, or not an ID).
                index = max(lastDigitEnd, index + 1)
            }
        }
        return changed ? String(result) : text
    }

    /// Whether the text holds a resident ID number.
    public static func containsNationalID(_ text: String) -> Bool {
        masking(text) != text
    }

    /// Whether 18 characters form a resident ID number with a correct check character.
    public static func isValid(_ characters: [Character]) -> Bool {
        guard characters.count == 18 else { return false }
        let digits = characters.prefix(17).compactMap(digitValue)
        guard digits.count == 17 else { return false }
        if isCheckX(characters[17]) { return isValid(digits, checkIsX: true) }
        guard let last = digitValue(characters[17]) else { return false }
        return isValid(digits + [last], checkIsX: false)
    }

    /// ISO 7064 MOD 11-2 over 17 digits, against a check digit (the 18th) or X.
    static func isValid(_ digits: [Int], checkIsX: Bool) -> Bool {
        guard digits.count == (checkIsX ? 17 : 18), hasProvince(digits) else { return false }
        let sum = zip(digits.prefix(17), weights).reduce(0) { $0 + $1.0 * $1.1 }
        let expected = checkValues[sum % 11]
        return checkIsX ? expected == 10 : expected == digits[17]
    }

    /// The 15-digit form: a province, then YYMMDD of a real date.
    static func isOldForm(_ digits: [Int]) -> Bool {
        guard digits.count == 15, hasProvince(digits) else { return false }
        let month = digits[8] * 10 + digits[9]
        let day = digits[10] * 10 + digits[11]
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// The first two digits name a province-level division (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82).
    static func hasProvince(_ digits: [Int]) -> Bool {
        let code = digits[0] * 10 + digits[1]
        return (11...15).contains(code) || (21...23).contains(code) || (31...37).contains(code) || (41...46).contains(code)
            || (50...54).contains(code) || (61...65).contains(code) || [71, 81, 82].contains(code)
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check value for each remainder; 10 stands for X.
    private static let checkValues = [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2]

    private static func isCheckX(_ character: Character) -> Bool {
        character == "X" || character == "x" || character == "Ｘ" || character == "ｘ"
    }

    /// Spaces, hyphens, dots and invisible characters people or tools put between groups of digits.
    private static func isSeparator(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        if character == " " || character == "-" || character == "." || character == "_" || character == "/" { return true }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .format, .dashPunctuation, .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// A character that makes the digits before it part of a longer number or code.
    private static func continuesNumber(_ character: Character) -> Bool {
        digitValue(character) != nil
    }

    /// The value of a decimal digit of any script (a character with combining marks on it too).
    private static func digitValue(_ character: Character) -> Int? {
        guard let scalar = character.unicodeScalars.first, scalar.properties.numericType == .decimal,
            let value = scalar.properties.numericValue, (0...9).contains(value)
        else { return nil }
        return Int(value)
    }
}
