/// What a rescuer's arrival scan proves. Only a genuine label of the ordered elevator proves the
/// rescuer stood in front of it; anything else is recorded, marked unverified, and shown as such
/// to the regulator.
public enum ArrivalCheck: Sendable, Hashable, Codable, Localized {
    /// A genuine, unrevoked label of this very elevator was scanned.
    case verified
    /// The number was typed, not scanned.
    case typedNumber
    /// A genuine label of another elevator (its number).
    case otherElevator(String)
    /// A code whose signature does not verify.
    case counterfeit
    /// A revoked label of this elevator.
    case revoked

    /// Judges a verified scan against the elevator the order is for; nil when the text was no
    /// code or number at all (the caller answers 400).
    public static func judge(_ verification: LabelVerification, expected: NNumber) -> ArrivalCheck? {
        guard let number = verification.number else { return nil }
        let elsewhere = ArrivalCheck.otherElevator(number.description)
        switch verification.outcome {
        case .malformed: return nil
        case .unverified: return number == expected ? .typedNumber : elsewhere
        case .counterfeit: return .counterfeit
        case .revoked: return number == expected ? .revoked : elsewhere
        case .genuine: return number == expected ? .verified : elsewhere
        }
    }

    public var isVerified: Bool { self == .verified }

    /// The stored form: verified, typed-number, other-elevator:N000618, counterfeit, revoked.
    public var code: String {
        switch self {
        case .verified: "verified"
        case .typedNumber: "typed-number"
        case .otherElevator(let number): "other-elevator:\(number)"
        case .counterfeit: "counterfeit"
        case .revoked: "revoked"
        }
    }

    public init?(code: String) {
        switch code {
        case "verified": self = .verified
        case "typed-number": self = .typedNumber
        case "counterfeit": self = .counterfeit
        case "revoked": self = .revoked
        default:
            guard code.hasPrefix("other-elevator:") else { return nil }
            self = .otherElevator(String(code.dropFirst("other-elevator:".count)))
        }
    }

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.verified, .zh): "扫码验证"
        case (.typedNumber, .zh): "未验证：手动输入编号"
        case (.otherElevator(let number), .zh): "未验证：扫描的是其他电梯（\(number)）的标签"
        case (.counterfeit, .zh): "未验证：伪造标签"
        case (.revoked, .zh): "未验证：已作废的标签"
        case (.verified, .en): "verified by the label"
        case (.typedNumber, .en): "unverified: typed number"
        case (.otherElevator(let number), .en): "unverified: another elevator's label (\(number))"
        case (.counterfeit, .en): "unverified: counterfeit code"
        case (.revoked, .en): "unverified: revoked label"
        }
    }

    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let check = ArrivalCheck(code: code) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown arrival check \(code)"))
        }
        self = check
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
