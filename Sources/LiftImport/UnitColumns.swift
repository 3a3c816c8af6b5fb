/// The columns of a units file: each maintenance or user unit's contacts and webhook.
enum UnitColumn: ImportColumn {
    case name, kind, phone, webhook, secret

    var names: [String] {
        switch self {
        case .name: ["单位名称", "单位", "name", "unit", "unitname"]
        case .kind: ["单位类型", "类型", "kind", "type", "unitkind"]
        case .phone: ["联系电话", "电话", "phone", "contactphone"]
        case .webhook: ["推送地址", "接收地址", "webhook", "webhookurl"]
        case .secret: ["推送密钥", "webhook密钥", "webhooksecret", "secret"]
        }
    }

    var label: String {
        switch self {
        case .name: "单位名称 (name)"
        case .kind: "单位类型 (kind)"
        case .phone: "联系电话 (phone)"
        case .webhook: "推送地址 (webhook)"
        case .secret: "推送密钥 (webhook secret)"
        }
    }

    static let required: [[UnitColumn]] = [[.name], [.kind]]
}
