/// The rule for a phone number a unit, a worker or an insurer publishes: a mainland mobile, a
/// landline with its area code (0513-85123456), or a service line (95518, 96333, 400-820-1234).
public enum ContactPhone {
    /// The number without spaces, or an error saying what is wrong.
    public static func checked(_ text: String) throws(ContactPhoneError) -> String {
        let compact = String(text.trimmed.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" })
        guard !compact.isEmpty else { throw .empty }
        let digits = compact.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.count
        let allowed = compact.unicodeScalars.enumerated().allSatisfy { index, scalar in
            (scalar.value >= 48 && scalar.value <= 57) || scalar == "-" || (scalar == "+" && index == 0)
        }
        guard allowed, (5...15).contains(digits), compact.utf8.count <= 20, !compact.hasSuffix("-"), !compact.contains("--") else {
            throw .malformed(text)
        }
        return compact
    }
}

/// Why a phone number was refused.
public enum ContactPhoneError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case malformed(String)

    public var description: String {
        switch self {
        case .empty: "the phone number is empty"
        case .malformed(let text): "\"\(text)\" is not a phone number (5 to 15 digits, with - between groups, e.g. 0513-85123456 or 13912345678)"
        }
    }
}
