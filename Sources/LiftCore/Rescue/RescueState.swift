/// Where a rescue order stands. The order moves forward only:
/// reported → dispatched → accepted → arrived → released → closed, or cancelled with a reason
/// from any state before released.
public enum RescueState: String, Sendable, Codable, CaseIterable, Localized {
    /// 已报警: the report is in; no maintenance unit has it yet.
    case reported
    /// 已派单: sent to the elevator's maintenance unit.
    case dispatched
    /// 救援人员已接单: the unit named a rescuer.
    case accepted
    /// 救援人员已到达: the rescuer is at the elevator.
    case arrived
    /// 已解救: the people are out.
    case released
    /// 已结束: the unit or the regulator closed the order.
    case closed
    /// 已取消: a false alarm, or the people got out before anyone came; with a reason.
    case cancelled

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.reported, .zh): "已报警，等待派单"
        case (.dispatched, .zh): "已通知维保单位"
        case (.accepted, .zh): "救援人员已接单"
        case (.arrived, .zh): "救援人员已到达"
        case (.released, .zh): "已解救"
        case (.closed, .zh): "救援已结束"
        case (.cancelled, .zh): "已取消"
        case (.reported, .en): "reported, awaiting dispatch"
        case (.dispatched, .en): "sent to the maintenance unit"
        case (.accepted, .en): "a rescuer is on the way"
        case (.arrived, .en): "the rescuer has arrived"
        case (.released, .en): "people released"
        case (.closed, .en): "rescue closed"
        case (.cancelled, .en): "cancelled"
        }
    }

    /// Whether people may still be waiting: the order is not released, closed or cancelled.
    public var isOpen: Bool { self == .reported || self == .dispatched || self == .accepted || self == .arrived }

    /// Whether the rescuer has not reached the elevator yet.
    public var awaitsArrival: Bool { self == .reported || self == .dispatched || self == .accepted }

    /// Whether the unit has not accepted yet.
    public var awaitsAcceptance: Bool { self == .reported || self == .dispatched }
}

/// Where a rescue order came from.
public enum RescueSource: String, Sendable, Codable, CaseIterable, Localized {
    /// A passenger's report from the label page or the JSON API.
    case report
    /// A call taken by the 96333 line or a regulator, entered by an operator.
    case phone

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.report, .zh): "扫码报告"
        case (.phone, .zh): "电话报警"
        case (.report, .en): "reported by scan"
        case (.phone, .en): "phone call"
        }
    }
}
