/// What a console password must be: at least 10 characters, not the login, and not one character
/// repeated (the old platform's 888888). No account has a default password.
public enum PasswordPolicy {
    /// The shortest password accepted.
    public static let minimumLength = 10
    /// The longest (bcrypt reads 72 bytes; longer text would be silently cut).
    public static let maximumBytes = 72

    /// Whether a login is acceptable: 2 to 64 letters, digits, `.`, `_`, `-` or `@`.
    public static func isValidLogin(_ login: String) -> Bool {
        (2...64).contains(login.count)
            && login.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0) }
    }

    /// Throws the reason a password is refused.
    public static func check(_ password: String, login: String) throws(PasswordRefusal) {
        guard password.count >= minimumLength else { throw .tooShort(minimum: minimumLength) }
        guard password.utf8.count <= maximumBytes else { throw .tooLong(maximumBytes: maximumBytes) }
        guard password.lowercased() != login.lowercased() else { throw .sameAsLogin }
        guard Set(password).count > 1 else { throw .oneRepeatedCharacter }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { throw .controlCharacters }
    }
}

/// Why a password was refused, in words a person acts on.
public enum PasswordRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case tooShort(minimum: Int)
    case tooLong(maximumBytes: Int)
    case sameAsLogin
    case oneRepeatedCharacter
    case controlCharacters

    public var description: String {
        switch self {
        case .tooShort(let minimum): "the password must have at least \(minimum) characters"
        case .tooLong(let maximum): "the password may have at most \(maximum) bytes"
        case .sameAsLogin: "the password must not be the login"
        case .oneRepeatedCharacter: "the password must not be one character repeated (like 888888)"
        case .controlCharacters: "the password must not contain control characters"
        }
    }
}
