/// The documented score that ranks maintenance units in the monthly bulletin, 0 to 100:
///
///     score = 30 × on-time rescues + 10 × verified arrivals + 25 × scan rate
///           + 20 × (1 − overdue rate) + 5 × label coverage + 10 × (1 − abnormal share)
///           − 5 × elevators trapped twice or more, kept between 0 and 100
///
/// where on-time rescues = 1 − late orders ÷ orders, verified arrivals = verified ÷ arrivals,
/// scan rate = counted visits ÷ visits due, overdue rate = overdue ÷ elevators in service, label
/// coverage = labelled ÷ registered elevators, abnormal share = abnormal ÷ maintenance records. A
/// share with nothing to divide by scores full marks (no rescues: no late ones). Stars: 5 from 90,
/// 4 from 80, 3 from 70, 2 from 60, else 1. Scores are rounded to one decimal.
public enum UnitScore {
    /// The formula as printed in the bulletin, in each language.
    public static func formula(_ language: Language) -> String {
        switch language {
        case .zh:
            "得分 = 30×救援按时率 + 10×到达扫码验证率 + 25×扫码维保率 + 20×(1−超期率) + 5×标签覆盖率 + 10×(1−异常记录占比) − 5×当月困人两次及以上电梯数，取0至100；无分母的比率按满分计。五星≥90，四星≥80，三星≥70，二星≥60，其余一星。"
        case .en:
            "score = 30×on-time rescues + 10×verified arrivals + 25×scan rate + 20×(1−overdue rate) + 5×label coverage + 10×(1−abnormal share) − 5×elevators trapped twice or more, between 0 and 100; a ratio with nothing to divide by scores full marks. 5 stars from 90, 4 from 80, 3 from 70, 2 from 60, else 1."
        }
    }

    /// What each term of the formula is, in words, as shown beside the ranking.
    public static func terms(_ language: Language) -> [String] {
        switch language {
        case .zh:
            [
                "救援按时率 = 1 − 超时救援单数 ÷ 救援单数",
                "到达扫码验证率 = 扫本电梯真实标签确认的到达数 ÷ 到达数",
                "扫码维保率 = 计入的维保次数 ÷ 应保次数（在用电梯每月两次）",
                "超期率 = 维保超期的在用电梯数 ÷ 在用电梯数",
                "标签覆盖率 = 有有效标签的电梯数 ÷ 登记电梯数",
                "异常记录占比 = 异常维保记录数 ÷ 维保记录数",
            ]
        case .en:
            [
                "on-time rescues = 1 − late orders ÷ orders",
                "verified arrivals = arrivals proven by a genuine label of the elevator ÷ arrivals",
                "scan rate = counted maintenance visits ÷ visits due (two a month per elevator in service)",
                "overdue rate = elevators in service overdue ÷ elevators in service",
                "label coverage = elevators with an active label ÷ registered elevators",
                "abnormal share = abnormal maintenance records ÷ maintenance records",
            ]
        }
    }

    /// The score of a unit's figures.
    public static func score(_ f: BulletinFigures) -> Double {
        let onTime = f.rescues > 0 ? 1 - Double(f.lateRescues) / Double(f.rescues) : 1
        let verified = f.arrivals > 0 ? Double(f.arrivals - f.unverifiedArrivals) / Double(f.arrivals) : 1
        let scan = min(f.scanRate ?? 1, 1)
        let overdue = f.overdueRate ?? 0
        let coverage = f.labelCoverage ?? 1
        let abnormal = f.maintenanceRecords > 0 ? Double(f.abnormalRecords) / Double(f.maintenanceRecords) : 0
        let raw = 30 * onTime + 10 * verified + 25 * scan + 20 * (1 - overdue) + 5 * coverage + 10 * (1 - abnormal)
            - 5 * Double(f.repeatTrapElevators)
        return (min(max(raw, 0), 100) * 10).rounded() / 10
    }

    /// Stars for a score.
    public static func stars(_ score: Double) -> Int {
        switch score {
        case 90...: 5
        case 80..<90: 4
        case 70..<80: 3
        case 60..<70: 2
        default: 1
        }
    }
}
