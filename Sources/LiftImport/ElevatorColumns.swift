/// The columns of an elevator registry file, matched by the platform's Chinese headers or English ones.
enum ElevatorColumn: CaseIterable {
    case number, rescueCode, registrationCode, address, building, district, street, internalNumber
    case nextInspection, userUnit, maintenanceUnit, manufacturer, stopped, classified

    /// Header names that mean this column: the platform's Chinese one first.
    var names: [String] {
        switch self {
        case .number: ["电梯编号", "number", "elevator", "elevatornumber"]
        case .rescueCode: ["96333识别码", "rescuecode", "96333", "96333code"]
        case .registrationCode: ["注册代码", "registrationcode"]
        case .address: ["地址", "address"]
        case .building: ["楼盘名称", "building"]
        case .district: ["行政区划", "district"]
        case .street: ["街道办", "street"]
        case .internalNumber: ["单位内部编号", "internalnumber"]
        case .nextInspection: ["下次检验日期", "nextinspection", "nextinspectiondate"]
        case .userUnit: ["使用单位", "userunit"]
        case .maintenanceUnit: ["维保单位", "maintenanceunit"]
        case .manufacturer: ["制造单位", "manufacturer"]
        case .stopped: ["停用", "是否停用", "stopped", "outofservice"]
        case .classified: ["涉秘", "是否涉秘", "classified"]
        }
    }

    /// Lower case without spaces, underscores or hyphens: "Next inspection" → "nextinspection".
    static func normalize(_ header: String) -> String {
        String(header.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
    }
}

/// Where each known column stands in a file's header row.
struct ElevatorColumnMap {
    private var positions: [ElevatorColumn: Int] = [:]

    init(header: [String]) throws {
        for (position, name) in header.enumerated() {
            let key = ElevatorColumn.normalize(name)
            guard let column = ElevatorColumn.allCases.first(where: { $0.names.contains(key) }) else { continue }
            guard positions[column] == nil else {
                throw ImportError(line: 1, message: "the column \(column.names[0]) appears twice in the header")
            }
            positions[column] = position
        }
        for required in [ElevatorColumn.number, .address] where positions[required] == nil {
            throw ImportError(
                line: 1,
                message: "the header has no \(required.names[0]) (\(required.names[1])) column; found: \(header.joined(separator: ", "))")
        }
    }

    /// The field of a column in a row, nil when the column is absent or the field empty.
    func value(_ column: ElevatorColumn, in fields: [String]) -> String? {
        guard let position = positions[column], position < fields.count, !fields[position].isEmpty else { return nil }
        return fields[position]
    }
}
