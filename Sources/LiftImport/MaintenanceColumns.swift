/// The columns of the platform's maintenance record export, matched by its Chinese headers or
/// English ones.
enum MaintenanceColumn: CaseIterable {
    case number, address, building, type, start, end, duration, workerName, login, maintenanceUnit, userUnit, street
    case uploaded, status, abnormal, remarks

    /// Header names that mean this column: the platform's Chinese one first, then English ones
    /// (normalised: lower case, no spaces, underscores, hyphens or brackets).
    var names: [String] {
        switch self {
        case .number: ["电梯编号", "number", "elevator", "elevatornumber"]
        case .address: ["地址", "address"]
        case .building: ["楼盘名称", "building"]
        case .type: ["类型", "维保类型", "type", "maintenancetype"]
        case .start: ["开始时间", "start", "startedat", "starttime"]
        case .end: ["结束时间", "end", "endedat", "endtime"]
        case .duration: ["时长分钟", "时长", "duration", "durationminutes", "minutes"]
        case .workerName: ["维保人员", "worker", "workername"]
        // 登陆 is how the platform spells it; 登录 is the usual word.
        case .login: ["登陆账号", "登录账号", "login", "workerlogin"]
        case .maintenanceUnit: ["维保单位", "maintenanceunit"]
        case .userUnit: ["使用单位", "userunit"]
        case .street: ["街道办", "street"]
        case .uploaded: ["上传时间", "uploaded", "uploadedat", "uploadtime"]
        case .status: ["状态", "审核状态", "status", "reviewstatus"]
        case .abnormal: ["异常类型", "abnormal", "abnormaltype"]
        case .remarks: ["备注", "remarks"]
        }
    }

    /// The header and its English meaning, for messages: "上传时间 (uploaded)".
    var label: String {
        let english: String
        switch self {
        case .number: english = "number"
        case .address: english = "address"
        case .building: english = "building"
        case .type: english = "type"
        case .start: english = "start"
        case .end: english = "end"
        case .duration: english = "minutes"
        case .workerName: english = "worker"
        case .login: english = "login"
        case .maintenanceUnit: english = "maintenance unit"
        case .userUnit: english = "user unit"
        case .street: english = "street"
        case .uploaded: english = "uploaded"
        case .status: english = "status"
        case .abnormal: english = "abnormal"
        case .remarks: english = "remarks"
        }
        return "\(names[0]) (\(english))"
    }

    /// The columns a record cannot do without.
    static let required: [MaintenanceColumn] = [.number, .type, .start, .end, .workerName, .login, .maintenanceUnit, .uploaded]

    /// "时长(分钟)" → "时长分钟", "Uploaded at" → "uploadedat".
    static func normalize(_ header: String) -> String {
        String(header.lowercased().filter { !" _-()（）".contains($0) })
    }
}

/// Where each known column stands in a file's header row.
struct MaintenanceColumnMap {
    private var positions: [MaintenanceColumn: Int] = [:]

    init(header: [String]) throws {
        for (position, name) in header.enumerated() {
            let key = MaintenanceColumn.normalize(name)
            guard let column = MaintenanceColumn.allCases.first(where: { $0.names.contains(key) }) else { continue }
            guard positions[column] == nil else {
                throw ImportError(line: 1, message: "the column \(column.names[0]) appears twice in the header")
            }
            positions[column] = position
        }
        let missing = MaintenanceColumn.required.filter { positions[$0] == nil }
        // A registry file has columns no maintenance export has: name the command it is for.
        let registryOnly = ["96333识别码", "注册代码", "下次检验日期", "制造单位", "registrationcode", "nextinspection", "manufacturer"]
        let registryColumns = header.filter { registryOnly.contains(MaintenanceColumn.normalize($0)) }
        if !missing.isEmpty, registryColumns.count >= 2 {
            throw ImportError(
                line: 1,
                message: "this is an elevator registry, not a maintenance-record export (its header has "
                    + "\(registryColumns.joined(separator: ", "))): import it with `liftcode import elevators FILE`")
        }
        guard missing.isEmpty else {
            throw ImportError(
                line: 1,
                message: "the header has no \(missing.map(\.label).joined(separator: ", ")) column; found: \(header.joined(separator: ", "))")
        }
    }

    /// The field of a column in a row, nil when the column is absent or the field empty.
    func value(_ column: MaintenanceColumn, in fields: [String]) -> String? {
        guard let position = positions[column], position < fields.count, !fields[position].isEmpty else { return nil }
        return fields[position]
    }
}
