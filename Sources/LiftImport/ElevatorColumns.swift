import LiftCore

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

    /// The registry field this column sets (none for the number, which identifies the elevator).
    var field: ElevatorField? {
        switch self {
        case .number: nil
        case .rescueCode: .rescueCode
        case .registrationCode: .registrationCode
        case .address: .address
        case .building: .building
        case .district: .district
        case .street: .street
        case .internalNumber: .internalNumber
        case .nextInspection: .nextInspection
        case .userUnit: .userUnit
        case .maintenanceUnit: .maintenanceUnit
        case .manufacturer: .manufacturer
        case .stopped: .stopped
        case .classified: .classified
        }
    }

    /// The columns a registry file cannot do without.
    static let required: [ElevatorColumn] = [.number, .address]

    /// Headers that only another kind of file has, by the command that imports it: a maintenance
    /// record export has a type, start and end time and a worker login.
    static let otherKinds: [(kind: String, command: String, headers: [String])] = [
        ("a maintenance-record export", "liftcode import maintenance",
         ["类型", "维保类型", "开始时间", "结束时间", "时长分钟", "时长", "维保人员", "登陆账号", "登录账号", "上传时间",
          "type", "start", "end", "starttime", "endtime", "login", "workerlogin", "uploaded"]),
    ]

    /// Lower case without spaces, underscores, hyphens or brackets: "Next inspection" → "nextinspection".
    static func normalize(_ header: String) -> String {
        String(header.lowercased().filter { !" _-()（）".contains($0) })
    }
}

/// Where each known column stands in a file's header row.
struct ElevatorColumnMap {
    private var positions: [ElevatorColumn: Int] = [:]

    /// The registry fields the file has columns for.
    var fields: Set<ElevatorField> { Set(positions.keys.compactMap(\.field)) }

    init(header: [String]) throws {
        for other in ElevatorColumn.otherKinds {
            let found = header.filter { other.headers.contains(ElevatorColumn.normalize($0)) }
            if found.count >= 2 {
                throw ImportError(
                    line: 1,
                    message: "this is \(other.kind), not an elevator registry (its header has \(found.joined(separator: ", "))): "
                        + "import it with `\(other.command) FILE`")
            }
        }
        for (position, name) in header.enumerated() {
            let key = ElevatorColumn.normalize(name)
            guard let column = ElevatorColumn.allCases.first(where: { $0.names.contains(key) }) else { continue }
            guard positions[column] == nil else {
                throw ImportError(line: 1, message: "the column \(column.names[0]) appears twice in the header")
            }
            positions[column] = position
        }
        let missing = ElevatorColumn.required.filter { positions[$0] == nil }
        if !missing.isEmpty {
            throw ImportError(
                line: 1,
                message: "the header lacks the required column\(missing.count == 1 ? "" : "s") "
                    + missing.map { "\($0.names[0]) (\($0.names[1]))" }.joined(separator: ", ")
                    + "; found: \(header.joined(separator: ", "))")
        }
    }

    /// The field of a column in a row, nil when the column is absent or the field empty.
    func value(_ column: ElevatorColumn, in fields: [String]) -> String? {
        guard let position = positions[column], position < fields.count, !fields[position].isEmpty else { return nil }
        return fields[position]
    }
}
