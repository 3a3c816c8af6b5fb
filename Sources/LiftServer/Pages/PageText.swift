import LiftCore

/// The words on the pages, in Chinese and English.
enum PageText {
    static func text(_ key: Key, _ language: Language) -> String {
        let pair = table[key] ?? ("", "")
        return language == .zh ? pair.0 : pair.1
    }

    enum Key: String {
        case platform, genuine, genuineDetail, revoked, revokedDetail, counterfeit, counterfeitDetail, malformed
        case malformedDetail, unverified, unverifiedDetail, unknownElevator, unknownElevatorDetail
        case number, rescueCode, registrationCode, address, building, district, street, userUnit, maintenanceUnit
        case manufacturer, status, lastMaintenance, nextHalfMonth, worker, insurance, policy, validUntil, claimsPhone
        case expired, nextInspection, pastDue, classifiedNote, trapped, complaintTitle, category, problem, describe
        case phoneOptional, submit, reportCounterfeit, ticketTitle, ticketIntro, timeline, resolution, feedbackQuestion
        case complaintState, satisfied, notSatisfied, routedTo, errorTitle, back, language, noneYet, stopped, call
        case rescueTitle, rescueIntro
    }

    static let table: [Key: (String, String)] = [
        .platform: ("电梯安全公共服务平台", "Elevator Safety Public Service"),
        .genuine: ("✓ 正品标签", "✓ Genuine label"),
        .genuineDetail: ("此标签由市场监管部门签发，信息可信。", "Issued and signed by the market-supervision bureau."),
        .revoked: ("⚠ 此标签已作废", "⚠ This label was revoked"),
        .revokedDetail: ("标签已被替换或报损，以下为电梯登记信息，请以新标签为准。", "It was replaced or reported; the registry facts below still apply."),
        .counterfeit: ("✗ 伪造标签", "✗ Counterfeit label"),
        .counterfeitDetail: ("此二维码不是监管部门签发的，请勿相信其上的信息。可在下方向监管部门举报。", "This code was not issued by the bureau: do not trust it. You can report it below."),
        .malformed: ("无法识别的二维码", "Not an elevator label"),
        .malformedDetail: ("这不是有效的电梯标签二维码。", "This is not a valid elevator label code."),
        .unverified: ("未验证：手动输入的编号", "Unverified: typed number"),
        .unverifiedDetail: ("信息按电梯编号查询，未经标签签名验证。", "Looked up by number; no label signature was checked."),
        .unknownElevator: ("电梯未登记", "Elevator not registered"),
        .unknownElevatorDetail: ("标签有效，但该电梯尚未在平台登记。", "The label is genuine but the elevator is not registered yet."),
        .number: ("电梯编号", "Elevator number"), .rescueCode: ("96333识别码", "96333 code"),
        .registrationCode: ("注册代码", "Registration code"), .address: ("地址", "Address"), .building: ("楼盘名称", "Building"),
        .district: ("行政区划", "District"), .street: ("街道办", "Street office"), .userUnit: ("使用单位", "User unit"),
        .maintenanceUnit: ("维保单位", "Maintenance unit"), .manufacturer: ("制造单位", "Manufacturer"),
        .status: ("维保状态", "Maintenance"), .lastMaintenance: ("最近维保", "Last maintenance"),
        .nextHalfMonth: ("下次半月保截止", "Next half-monthly due"), .worker: ("维保人员", "Worker"),
        .insurance: ("保险", "Insurance"), .policy: ("保单号", "Policy"), .validUntil: ("有效期至", "Valid until"),
        .claimsPhone: ("理赔电话", "Claims line"), .expired: ("已过期", "expired"),
        .nextInspection: ("下次检验日期", "Next inspection"), .pastDue: ("已逾期", "past due"),
        .classifiedNote: ("该电梯信息依规定不予公开。", "This elevator's details are not public."),
        .trapped: ("被困电梯？请立即拨打 96333 电梯应急救援电话", "Trapped? Call the 96333 elevator emergency line now"),
        .complaintTitle: ("投诉与建议", "Complaints and suggestions"), .category: ("类别", "Category"),
        .problem: ("问题", "Problem"), .describe: ("补充说明（选填，最多500字）", "Details (optional, up to 500 characters)"),
        .phoneOptional: ("联系电话（选填，仅维保单位可见）", "Phone (optional, seen only by the maintenance unit)"),
        .submit: ("提交", "Submit"), .reportCounterfeit: ("举报伪造标签", "Report this counterfeit label"),
        .ticketTitle: ("投诉单", "Complaint ticket"), .complaintState: ("处理状态", "Status"),
        .ticketIntro: ("请保存此页面地址以查看处理进度。", "Keep this page's address to follow the complaint."),
        .timeline: ("处理进度", "Progress"), .resolution: ("处理结果", "Resolution"),
        .feedbackQuestion: ("您对处理结果满意吗？", "Are you satisfied with the resolution?"),
        .satisfied: ("满意", "Satisfied"), .notSatisfied: ("不满意", "Not satisfied"), .routedTo: ("处理单位", "Handled by"),
        .errorTitle: ("出错了", "Something is wrong"), .back: ("返回", "Back"), .language: ("English", "中文"),
        .rescueTitle: ("救援进度", "Rescue"),
        .rescueIntro: ("维保单位须在规定时间内到达现场。如情况有变或无人到达，请立即拨打 96333。", "The maintenance unit must reach the elevator within the deadline. If anything changes or nobody comes, call 96333 now."),
        .noneYet: ("暂无", "none yet"), .stopped: ("停用", "out of service"), .call: ("拨打", "Call"),
    ]
}
