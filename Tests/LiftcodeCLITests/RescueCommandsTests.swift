import Foundation
import Testing

/// The 96333 operator's and the regulator's commands, run as the real executable: opening a rescue
/// for a call, listing, the escalation webhook, exports of rescues and of the monthly bulletin.
@Suite(.serialized) struct RescueCommandsTests {
    /// The current month in Shanghai, as the commands stamp a call taken now.
    static var month: String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }

    func registry(_ cli: CLIRunner) async throws {
        let csv = """
            number,address,district,street,userunit,maintenanceunit
            N000614,崇川区文峰街道紫东花苑沿街,崇川区,文峰街道,江苏坤园物业管理有限公司,南通弘扬电梯安装有限公司
            N000615,崇川区文峰街道紫东花苑2号,崇川区,文峰街道,江苏坤园物业管理有限公司,南通弘扬电梯安装有限公司
            N006109,崇川区钟通甲路6号紫东世纪,崇川区,文峰街道,江苏中江国际房地产有限公司南通分公司,江南嘉捷电梯股份有限公司苏州分公司

            """
        try csv.write(to: cli.url("registry.csv"), atomically: true, encoding: .utf8)
        let imported = try await cli.run(["import", "elevators", "registry.csv", "--database", "db.sqlite"])
        #expect(imported.status == 0, "\(imported.errors)")
    }

    @Test func anOperatorOpensRescuesAndTheBulletinCountsThem() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await registry(cli)
        let db = ["--database", "db.sqlite"]
        let opened = try await cli.run(["rescues", "open", "--elevator", "N000614", "--phone", "13912345678", "--note", "2人被困"] + db)
        #expect(opened.status == 0, "\(opened.errors)")
        #expect(opened.output.contains("已通知维保单位") && opened.output.contains("南通弘扬电梯安装有限公司"))
        let joined = try await cli.run(["rescues", "open", "--elevator", "000614"] + db)
        #expect(joined.output.contains("2 reports"))
        #expect(try await cli.run(["rescues", "open", "--elevator", "N006109"] + db).status == 0)

        let unknown = try await cli.run(["rescues", "open", "--elevator", "N000999"] + db)
        #expect(unknown.status == 1 && unknown.errors.contains("not registered"))
        let bad = try await cli.run(["rescues", "open", "--elevator", "lift 6"] + db)
        #expect(bad.status == 64 && bad.errors.contains("--elevator"))

        let listed = try await cli.run(["rescues", "list", "--open"] + db)
        #expect(listed.status == 0)
        #expect(listed.output.contains("N000614") && listed.output.contains("N006109") && listed.output.contains("dispatched"))

        let escalation = try await cli.run(["rescues", "escalation", "--district", "崇川区", "--webhook", "http://10.0.0.5/hook"] + db)
        #expect(escalation.status == 64 && escalation.errors.contains("private"))
        let set = try await cli.run(["rescues", "escalation", "--district", "0", "--webhook", "https://scjg.example.cn/hook"] + db)
        #expect(set.status == 0 && set.output.contains("崇川区"))

        let bulletin = try await cli.run(["export", "bulletin", "--district", "崇川区", "--month", Self.month, "--format", "csv", "--out", "b.csv"] + db)
        #expect(bulletin.status == 0, "\(bulletin.errors)")
        let data = try Data(contentsOf: cli.url("b.csv"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "a byte-order mark, for Excel")
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasPrefix("类别,名称,使用单位,排名,得分,星级,困人次数") == true)
        // The district: 2 rescue orders (the second call joined the first), 3 elevators, none labelled.
        #expect(lines.contains { $0.hasPrefix("区域,崇川区,,,,,2,") })
        #expect(lines.contains { $0.hasPrefix("维保单位,南通弘扬电梯安装有限公司,,") })
        #expect(lines.contains { $0.hasPrefix("评分公式,") && $0.contains("30×救援按时率") })

        let workbook = try await cli.run(["export", "bulletin", "--district", "0", "--month", Self.month] + db)
        #expect(workbook.status == 0 && workbook.output.contains("bulletin-崇川区-\(Self.month).xlsx"))
        let bytes = try Data(contentsOf: cli.url("bulletin-崇川区-\(Self.month).xlsx"))
        #expect(Array(bytes.prefix(2)) == [0x50, 0x4B])

        let rescues = try await cli.run(["export", "rescues", "--format", "csv", "--out", "r.csv", "--district", "崇川区", "--open"] + db)
        #expect(rescues.status == 0 && rescues.output.contains("exported 2 rescue orders"))
        let rows = try String(contentsOf: cli.url("r.csv"), encoding: .utf8)
        #expect(rows.contains("救援单号") && rows.contains("N000614") && !rows.contains("13912345678"), "exports carry no phone")

        let check = try await cli.run(["rescues", "check"] + db)
        #expect(check.status == 0 && check.output.contains("escalated:"))
    }

    @Test func badBulletinOptionsAreUsageErrors() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let db = ["--database", "db.sqlite"]
        let month = try await cli.run(["export", "bulletin", "--district", "崇川区", "--month", "2026-13"] + db)
        #expect(month.status == 64 && month.errors.contains("--month"))
        let format = try await cli.run(["export", "bulletin", "--district", "崇川区", "--month", "2026-11", "--format", "pdf"] + db)
        #expect(format.status == 64 && format.errors.contains("--format"))
        let district = try await cli.run(["export", "bulletin", "--district", "火星区", "--month", "2026-11"] + db)
        #expect(district.status == 64 && district.errors.contains("unknown district"))
    }
}
