/// The columns of an insurance file, as insurers export them or in English.
enum InsuranceColumn: ImportColumn {
    case number, registrationCode, insurer, policyNumber, coverageKind, sumInsured, start, end, claimsPhone

    var names: [String] {
        switch self {
        case .number: ["电梯编号", "number", "elevator", "elevatornumber"]
        case .registrationCode: ["注册代码", "设备注册代码", "电梯注册代码", "registrationcode"]
        case .insurer: ["保险公司", "承保公司", "承保机构", "保险人", "insurer"]
        case .policyNumber: ["保单号", "保单号码", "保险单号", "policynumber", "policyno", "policy"]
        case .coverageKind: ["险种", "险种名称", "保险险种", "保险类型", "coverage", "coveragekind", "kind"]
        case .sumInsured: ["保险金额", "保额", "每次事故赔偿限额", "赔偿限额", "suminsured", "limit"]
        case .start: ["保险起期", "起保日期", "保险开始日期", "生效日期", "开始日期", "start", "validfrom", "startdate"]
        case .end: ["保险止期", "终保日期", "保险结束日期", "到期日期", "结束日期", "end", "validto", "enddate"]
        case .claimsPhone: ["理赔电话", "报案电话", "客服电话", "claimsphone", "claimsline"]
        }
    }

    var label: String {
        let english: String
        switch self {
        case .number: english = "number"
        case .registrationCode: english = "registration code"
        case .insurer: english = "insurer"
        case .policyNumber: english = "policy number"
        case .coverageKind: english = "coverage"
        case .sumInsured: english = "sum insured"
        case .start: english = "start"
        case .end: english = "end"
        case .claimsPhone: english = "claims phone"
        }
        return "\(names[0]) (\(english))"
    }

    static let required: [[InsuranceColumn]] = [[.number, .registrationCode], [.insurer], [.policyNumber], [.coverageKind], [.start], [.end]]
}
