/// The columns of a workers file: a maintenance unit's workers.
enum WorkerColumn: ImportColumn {
    case login, name, phone, unit

    var names: [String] {
        switch self {
        // 登陆 is how the platform spells it; 登录 is the usual word.
        case .login: ["登录账号", "登陆账号", "账号", "工号", "login", "workerlogin"]
        case .name: ["姓名", "维保人员", "name", "worker", "workername"]
        case .phone: ["手机号", "手机号码", "联系电话", "电话", "phone", "mobile"]
        case .unit: ["维保单位", "单位", "unit", "maintenanceunit"]
        }
    }

    var label: String {
        switch self {
        case .login: "登录账号 (login)"
        case .name: "姓名 (name)"
        case .phone: "手机号 (phone)"
        case .unit: "维保单位 (unit)"
        }
    }

    static let required: [[WorkerColumn]] = [[.login], [.name], [.unit]]
}
