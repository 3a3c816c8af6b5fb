import LiftCore

/// Plausible registry data for demos and benchmarks: elevators, units, workers with phones and
/// insurance policies, all derived from a seed so every run makes the same data.
public struct SyntheticRegistry: Sendable {
    public let districts: DistrictDirectory

    public init(districts: DistrictDirectory) {
        self.districts = districts
    }

    static let streets = ["文峰街道", "城东街道", "和平桥街道", "观音山街道", "狼山镇街道", "任港街道", "新城桥街道", "虹桥街道", "学田街道", "钟秀街道"]
    static let roads = ["工农路", "青年中路", "人民中路", "崇川路", "世纪大道", "濠河路", "钟秀路", "通富路", "长江中路", "姚港路"]
    static let estates = ["紫东花苑", "星光域", "海伦堡", "万濠华府", "和园", "中南世纪城", "濠河名府", "文峰城市广场", "新城花园", "江景湾"]
    static let userUnits = ["南通紫东物业管理有限公司", "南通星光物业服务有限公司", "江苏中南物业服务有限公司", "南通濠河物业管理有限公司", "南通新城物业有限公司", "南通万科物业服务有限公司"]
    static let maintenanceUnits = ["南通弘扬电梯安装有限公司", "南通安川电梯有限公司", "迅达(中国)电梯有限公司南通分公司", "南通通力电梯工程有限公司", "南通三菱电梯维保有限公司"]
    static let manufacturers = ["巨人通力电梯", "迅达电梯", "通力电梯", "上海三菱电梯", "日立电梯"]
    static let surnames = ["陈", "季", "魏", "张", "王", "李", "刘", "周", "吴", "徐", "孙", "朱"]
    static let givenNames = ["建章", "龙龙", "港庆", "志强", "海峰", "立新", "国平", "伟", "斌", "勇", "磊", "军"]
    static let insurers = ["中国人民财产保险南通分公司", "中国平安财产保险南通中心支公司", "太平洋财产保险南通分公司"]

    /// The maintenance units the synthetic registry uses.
    public var maintenanceUnitNames: [String] { Self.maintenanceUnits }

    /// `count` elevators numbered from `firstValue` upward in one district, produced lazily.
    public func elevators(count: Int, district: District, firstValue: Int, seed: UInt64 = 1) -> some Sequence<Elevator> {
        (0..<count).lazy.compactMap { NNumber(value: firstValue + $0) }.map { elevator(number: $0, district: district, seed: seed) }
    }

    /// One synthetic elevator of a district.
    public func elevator(number: NNumber, district: District, seed: UInt64 = 1) -> Elevator {
        let districtName = district.name
        var random = SeededGenerator(seed: seed &+ UInt64(number.value) &* 7919)
            let estate = Self.estates.randomElement(using: &random)!
            let road = Self.roads.randomElement(using: &random)!
            let building = Int.random(in: 1...40, using: &random)
            let car = ["东梯", "西梯", "1#梯", "2#梯"].randomElement(using: &random)!
            let inspection = CivilDate(year: 2026, month: 1, day: 1)!.adding(days: Int.random(in: 0...540, using: &random))
            return Elevator(
                number: number,
                rescueCode: String(format: "%06d", Int.random(in: 1...999_999, using: &random)),
                registrationCode: "3110320601" + String(format: "%010d", number.value),
                address: "\(districtName)\(road)\(Int.random(in: 1...300, using: &random))号\(estate)\(building)号楼\(car)",
                building: estate,
                district: districtName,
                street: Self.streets.randomElement(using: &random),
                internalNumber: nil,
                nextInspection: inspection,
                userUnit: Self.userUnits.randomElement(using: &random),
                maintenanceUnit: Self.maintenanceUnits.randomElement(using: &random),
                manufacturer: Self.manufacturers.randomElement(using: &random)
            )
    }

    /// A mainland mobile number derived from a seed.
    public static func phone(seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        let second = ["3", "5", "7", "8", "9"].randomElement(using: &random)!
        return "1" + second + String(format: "%09d", Int.random(in: 0...999_999_999, using: &random))
    }

    /// Landline-style unit phone (0513 is Nantong's area code).
    public static func unitPhone(seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        return "0513-" + String(format: "%08d", Int.random(in: 80_000_000...89_999_999, using: &random))
    }

    /// Workers of a maintenance unit: `perUnit` of them, logins W-unit-index.
    public static func workers(of unit: String, unitIndex: Int, perUnit: Int = 3) -> [Worker] {
        (0..<perUnit).map { index in
            var random = SeededGenerator(seed: UInt64(unitIndex * 100 + index))
            let name = surnames.randomElement(using: &random)! + givenNames.randomElement(using: &random)!
            return Worker(
                login: String(format: "W%02d%02d", unitIndex + 1, index + 1), name: name,
                phone: phone(seed: UInt64(unitIndex * 100 + index + 17)), unitName: unit)
        }
    }

    /// An insurance policy for an elevator; `expired` makes one that ran out before `today`.
    public static func insurance(for number: NNumber, today: CivilDate, expired: Bool) -> Insurance {
        var random = SeededGenerator(seed: UInt64(number.value) &* 31)
        let start = today.adding(days: expired ? -400 - Int.random(in: 0...60, using: &random) : -Int.random(in: 30...300, using: &random))
        return Insurance(
            insurer: insurers.randomElement(using: &random)!,
            policyNumber: "PZAL" + String(format: "%04d%012d", start.year, number.value),
            coverage: "电梯安全责任险 每次事故赔偿限额100万元",
            validFrom: start, validTo: start.adding(days: 364),
            claimsPhone: ["95518", "95511", "95500"].randomElement(using: &random)!)
    }
}
