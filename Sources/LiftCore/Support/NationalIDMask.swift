/// Finds mainland resident identity numbers (居民身份证号码, GB 11643: 17 digits and a check
/// character) in free text and masks them before anything is stored, so no national ID number is
/// ever stored or shown (DESIGN.md section 12).
///
/// Only a run of exactly 18 characters whose check character is right is masked, so order numbers,
/// phone numbers and other long numbers stay as they are. Full-width digits count as digits.
///
///     NationalIDMask.masking("身份证 11010519491231002X 联系我")  // "身份证 ****************** 联系我"
public enum NationalIDMask {
    /// What replaces each character of a masked number.
    public static let maskCharacter: Character = "*"

    /// The text with every valid resident ID number replaced by asterisks of the same length.
    public static func masking(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 18 else { return text }
        var result = characters
        var changed = false
        var index = 0
        while index < characters.count {
            guard digitValue(characters[index]) != nil else {
                index += 1
                continue
            }
            // A run of digits (and a final X): mask it only when it is exactly one ID number.
            var end = index
            while end < characters.count, digitValue(characters[end]) != nil { end += 1 }
            var runEnd = end
            if runEnd < characters.count, isCheckX(characters[runEnd]) { runEnd += 1 }
            let run = characters[index..<runEnd]
            let bordersLetter = runEnd < characters.count && characters[runEnd].isASCII && characters[runEnd].isLetter
            if run.count == 18, !bordersLetter, isValid(Array(run)) {
                for position in index..<runEnd { result[position] = maskCharacter }
                changed = true
            }
            index = runEnd
        }
        return changed ? String(result) : text
    }

    /// Whether the text holds a resident ID number.
    public static func containsNationalID(_ text: String) -> Bool {
        masking(text) != text
    }

    /// Whether 18 characters form a resident ID number with a correct check character
    /// (ISO 7064 MOD 11-2).
    public static func isValid(_ characters: [Character]) -> Bool {
        guard characters.count == 18 else { return false }
        var sum = 0
        for (position, character) in characters.prefix(17).enumerated() {
            guard let digit = digitValue(character) else { return false }
            sum += digit * weights[position]
        }
        let expected = checkCharacters[sum % 11]
        let last = characters[17]
        if expected == "X" { return isCheckX(last) }
        return digitValue(last).map { Character(String($0)) == expected } ?? false
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    private static func isCheckX(_ character: Character) -> Bool {
        character == "X" || character == "x" || character == "Ｘ" || character == "ｘ"
    }

    private static func digitValue(_ character: Character) -> Int? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }
}
