/// A maintenance record's review status on the platform.
public enum ReviewStatus: String, Sendable, Codable, CaseIterable, Localized {
    /// 通过
    case passed
    /// 审核中: e.g. the scan was typed by hand because the label would not scan.
    case reviewing
    /// 补数据: the regulator asked for more data.
    case needsData = "needs-data"
    /// 无效: the scan was not on site (a counterfeit or revoked code).
    case invalid

    public var chineseName: String {
        switch self {
        case .passed: "通过"
        case .reviewing: "审核中"
        case .needsData: "补数据"
        case .invalid: "无效"
        }
    }

    public func name(in language: Language) -> String {
        language == .zh ? chineseName : rawValue
    }

    /// Reads an API code ("passed") or a Chinese word ("通过").
    public init?(codeOrName text: String) {
        let key = text.trimmed
        if let status = ReviewStatus(rawValue: key.lowercased()) {
            self = status
        } else if let status = ReviewStatus.allCases.first(where: { $0.chineseName == key }) {
            self = status
        } else {
            return nil
        }
    }
}

/// Why a record is abnormal (异常类型). Abnormal records do not count as maintenance.
public enum AbnormalType: String, Sendable, Codable, CaseIterable, Localized {
    /// 超时上传: uploaded more than 8 hours after the end scan.
    case lateUpload = "late-upload"
    /// 超量上传: the worker's 9th or later elevator of the day.
    case overQuota = "over-quota"

    public var chineseName: String {
        switch self {
        case .lateUpload: "超时上传"
        case .overQuota: "超量上传"
        }
    }

    public func name(in language: Language) -> String {
        language == .zh ? chineseName : rawValue
    }

    /// Reads an API code ("late-upload") or a Chinese word ("超时上传").
    public init?(codeOrName text: String) {
        let key = text.trimmed
        if let type = AbnormalType(rawValue: key.lowercased()) {
            self = type
        } else if let type = AbnormalType.allCases.first(where: { $0.chineseName == key }) {
            self = type
        } else {
            return nil
        }
    }
}
