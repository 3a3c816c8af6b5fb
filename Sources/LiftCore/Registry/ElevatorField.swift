/// A fact of an elevator that a registry import sets. A file sets only the fields it has a column
/// for: an update never blanks a field because the file lacks its column.
public enum ElevatorField: String, Sendable, Hashable, CaseIterable, Codable {
    case rescueCode, registrationCode, address, building, district, street, internalNumber
    case nextInspection, userUnit, maintenanceUnit, manufacturer, stopped, classified

    /// The platform's Chinese header and an English name, for messages: "注册代码 (registration code)".
    public var label: String {
        switch self {
        case .rescueCode: "96333识别码 (rescue code)"
        case .registrationCode: "注册代码 (registration code)"
        case .address: "地址 (address)"
        case .building: "楼盘名称 (building)"
        case .district: "行政区划 (district)"
        case .street: "街道办 (street)"
        case .internalNumber: "单位内部编号 (internal number)"
        case .nextInspection: "下次检验日期 (next inspection)"
        case .userUnit: "使用单位 (user unit)"
        case .maintenanceUnit: "维保单位 (maintenance unit)"
        case .manufacturer: "制造单位 (manufacturer)"
        case .stopped: "停用 (stopped)"
        case .classified: "涉秘 (classified)"
        }
    }

    /// This field of an elevator as text (nil when empty), to compare and to show a change.
    public func value(of elevator: Elevator) -> String? {
        switch self {
        case .rescueCode: elevator.rescueCode
        case .registrationCode: elevator.registrationCode
        case .address: elevator.address
        case .building: elevator.building
        case .district: elevator.district
        case .street: elevator.street
        case .internalNumber: elevator.internalNumber
        case .nextInspection: elevator.nextInspection?.description
        case .userUnit: elevator.userUnit
        case .maintenanceUnit: elevator.maintenanceUnit
        case .manufacturer: elevator.manufacturer
        case .stopped: elevator.isStopped ? "是" : "否"
        case .classified: elevator.isClassified ? "是" : "否"
        }
    }
}
