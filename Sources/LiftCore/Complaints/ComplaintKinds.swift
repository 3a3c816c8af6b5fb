/// What a complaint is: a complaint proper, a suggestion, or a fault alarm.
public enum ComplaintCategory: String, Sendable, Codable, CaseIterable, Localized {
    /// 投诉
    case complaint
    /// 建议
    case suggestion
    /// 报警: a fault. People trapped call 96333 first.
    case alarm

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.complaint, .zh): "投诉"
        case (.suggestion, .zh): "建议"
        case (.alarm, .zh): "报警"
        case (.complaint, .en): "complaint"
        case (.suggestion, .en): "suggestion"
        case (.alarm, .en): "fault alarm"
        }
    }
}

/// The short list of problems people pick from, so nobody has to type on a phone or a kiosk.
public enum ComplaintProblem: String, Sendable, Codable, CaseIterable, Localized {
    case doorWontClose = "door"
    case noise
    case shaking
    case uneven
    case buttons
    case lightOrFan = "light-fan"
    case damagedLabel = "damaged-label"
    case overdueMaintenance = "overdue-maintenance"
    case other
    /// 有人被困: opens a rescue order (last in the list, so that no form selects it by default).
    case trapped

    public func name(in language: Language) -> String {
        switch language {
        case .zh:
            switch self {
            case .doorWontClose: "门关不上"
            case .noise: "异响"
            case .shaking: "抖动"
            case .uneven: "不平层"
            case .buttons: "按钮失灵"
            case .lightOrFan: "照明或通风故障"
            case .damagedLabel: "标签损坏"
            case .overdueMaintenance: "维保超期"
            case .other: "其他"
            case .trapped: "有人被困"
            }
        case .en:
            switch self {
            case .doorWontClose: "door won't close"
            case .noise: "noise"
            case .shaking: "shaking"
            case .uneven: "stops uneven"
            case .buttons: "buttons don't work"
            case .lightOrFan: "light or fan fault"
            case .damagedLabel: "damaged label"
            case .overdueMaintenance: "overdue maintenance"
            case .other: "other"
            case .trapped: "people trapped"
            }
        }
    }
}

/// Who filed a complaint.
public enum ReporterRole: String, Sendable, Codable, CaseIterable, Localized {
    case passenger
    case property

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.passenger, .zh): "乘客"
        case (.property, .zh): "物业"
        case (.passenger, .en): "passenger"
        case (.property, .en): "property manager"
        }
    }
}

/// Where a complaint is in its life.
public enum ComplaintState: String, Sendable, Codable, CaseIterable, Localized {
    case received
    case routed
    case acknowledged
    case resolved
    case closed

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.received, .zh): "已受理"
        // Routed to the maintenance unit, or to the regulator for a counterfeit label: the ticket
        // names which, so the state does not.
        case (.routed, .zh): "已转交"
        case (.acknowledged, .zh): "已确认"
        case (.resolved, .zh): "已处理"
        case (.closed, .zh): "已关闭"
        case (_, .en): rawValue
        }
    }

    /// Whether the complaint still waits for the maintenance unit.
    public var isOpen: Bool { self == .received || self == .routed || self == .acknowledged }
}
