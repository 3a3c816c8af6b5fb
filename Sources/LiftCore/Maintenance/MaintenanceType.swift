/// The kinds of periodic maintenance (TSG T5002) and the longest interval each allows.
public enum MaintenanceType: String, Sendable, Codable, CaseIterable, Localized {
    /// 半月保: every 15 days.
    case halfMonth = "half-month"
    /// 季度保: every 90 days.
    case quarterly
    /// 半年保: every 180 days.
    case halfYear = "half-year"
    /// 年度保: every 365 days.
    case yearly

    /// The longest interval in days between two counted records of this type.
    public var intervalDays: Int {
        switch self {
        case .halfMonth: 15
        case .quarterly: 90
        case .halfYear: 180
        case .yearly: 365
        }
    }

    /// The platform's Chinese name, as exports and pages show it.
    public var chineseName: String {
        switch self {
        case .halfMonth: "半月保"
        case .quarterly: "季度保"
        case .halfYear: "半年保"
        case .yearly: "年度保"
        }
    }

    public func name(in language: Language) -> String {
        switch language {
        case .zh: chineseName
        case .en:
            switch self {
            case .halfMonth: "half-monthly"
            case .quarterly: "quarterly"
            case .halfYear: "half-yearly"
            case .yearly: "yearly"
            }
        }
    }

    /// Reads an API code ("half-month") or a Chinese name ("半月保").
    public init?(codeOrName text: String) {
        let key = text.trimmed
        if let type = MaintenanceType(rawValue: key.lowercased()) {
            self = type
        } else if let type = MaintenanceType.allCases.first(where: { $0.chineseName == key }) {
            self = type
        } else {
            return nil
        }
    }
}
