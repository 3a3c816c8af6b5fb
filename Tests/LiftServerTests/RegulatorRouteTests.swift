import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftStore
import Testing

/// The regulator API: scope (401, 403), filters, pagination, 400s naming the parameter, JSON,
/// CSV and XLSX bodies, and the daily summary.
@Suite struct RegulatorRouteTests {
    static let now = ShanghaiTime.startOfDay(TestWorld.today).addingTimeInterval(12 * 3600)
    static let routes = ["elevators", "maintenance-records", "abnormal-records", "complaints", "summary"]
    let stopped = NNumber(value: 7001)!
    let elsewhere = NNumber(value: 100_002)!

    /// TestWorld plus a stopped elevator with an old record, an elevator in 港闸区, and today's
    /// late upload for N000614.
    func world() async throws -> TestWorld {
        let world = try await TestWorld()
        _ = try await world.database.upsert([
            Elevator(number: stopped, address: "崇川区停用梯", district: "崇川区", street: "城东街道", maintenanceUnit: TestWorld.unitB, isStopped: true),
            Elevator(number: elsewhere, address: "港闸区永兴路1号", district: "港闸区", maintenanceUnit: TestWorld.unitA),
        ])
        let visits: [(NNumber, String, String, String, Int, AbnormalType?)] = [
            (stopped, "W0201", "季龙龙", TestWorld.unitB, 60, nil), (elsewhere, "W0101", "陈建章", TestWorld.unitA, 1, nil),
            (world.current, "W0101", "陈建章", TestWorld.unitA, 0, .lateUpload),
        ]
        for (number, login, name, unit, daysAgo, abnormal) in visits {
            let start = ShanghaiTime.startOfDay(TestWorld.today.adding(days: -daysAgo)).addingTimeInterval(8 * 3600)
            try world.database.insertMaintenanceRecord(MaintenanceRecord(
                number: number, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(40 * 60),
                uploadedAt: start.addingTimeInterval(abnormal == nil ? 3600 : 12 * 3600), workerLogin: login, workerName: name,
                maintenanceUnit: unit, status: .passed, abnormal: abnormal))
        }
        return world
    }

    func regulator(_ world: TestWorld, district: String = "崇川区", street: String? = nil) async throws -> HTTPFields {
        .bearer(try await world.token(Account(id: 0, role: .regulator, district: district, street: street, createdAt: Date())))
    }

    static func query(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)! }

    func numbers(_ response: TestResponse) -> [String] {
        (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
    }

    /// "number/worker" of each listed record.
    func ids(_ response: TestResponse) -> [String] {
        (response.object["items"] as? [[String: Any]] ?? []).map { "\($0["number"] as? String ?? "")/\($0["workerLogin"] as? String ?? "")" }
    }

    /// The public ids of the listed complaints (regulators never see tickets).
    func listed(_ response: TestResponse) -> [String] {
        (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func everyRouteNeedsAToken() async throws {
        let world = try await world()
        try await world.app(now: { Self.now }).test(.router) { client in
            for route in Self.routes {
                try await client.execute(uri: "/api/v1/regulator/\(route)", method: .get) { response in
                    #expect(response.status == .unauthorized, "\(route)")
                    #expect((response.object["error"] as? [String: Any])?["code"] as? String == "unauthorized")
                }
            }
        }
    }

    @Test func anotherDistrictStreetOrRoleIs403() async throws {
        let world = try await world()
        let chongchuan = try await regulator(world)
        let wenfeng = try await regulator(world, street: "文峰街道")
        let maintainer = await HTTPFields.bearer(try world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: Date())))
        try await world.app(now: { Self.now }).test(.router) { client in
            for route in Self.routes {
                try await client.execute(uri: "/api/v1/regulator/\(route)?district=\(Self.query("港闸区"))", method: .get, headers: chongchuan) {
                    #expect($0.status == .forbidden, "\(route)")
                }
                try await client.execute(uri: "/api/v1/regulator/\(route)?street=\(Self.query("城东街道"))", method: .get, headers: wenfeng) {
                    #expect($0.status == .forbidden, "\(route)")
                }
                try await client.execute(uri: "/api/v1/regulator/\(route)", method: .get, headers: maintainer) {
                    #expect($0.status == .forbidden, "\(route)")
                }
                try await client.execute(uri: "/api/v1/regulator/\(route)?district=\(Self.query("崇川区"))", method: .get, headers: chongchuan) {
                    #expect($0.status == .ok, "\(route)")
                }
            }
            // Its own district, everything in it and nothing else.
            try await client.execute(uri: "/api/v1/regulator/elevators", method: .get, headers: chongchuan) { response in
                #expect(numbers(response) == ["N000614", "N000618", "N006109", "N007001"])
                #expect((response.object["scope"] as? [String: Any])?["district"] as? String == "崇川区")
            }
            // A street regulator sees its street only, even without naming it.
            try await client.execute(uri: "/api/v1/regulator/elevators", method: .get, headers: wenfeng) { response in
                #expect(numbers(response) == ["N000614", "N006109"])
            }
            let admin = await HTTPFields.bearer(try world.token(Account(id: 0, role: .admin, createdAt: Date())))
            try await client.execute(uri: "/api/v1/regulator/elevators?district=\(Self.query("港闸区"))", method: .get, headers: admin) { response in
                #expect(numbers(response) == ["N100002"])
            }
        }
    }

    @Test func statusesAndTheOverdueList() async throws {
        let world = try await world()
        let headers = try await regulator(world)
        try await world.app(now: { Self.now }).test(.router) { client in
            try await client.execute(uri: "/api/v1/regulator/elevators", method: .get, headers: headers) { response in
                let items = response.object["items"] as? [[String: Any]] ?? []
                let statuses = Dictionary(uniqueKeysWithValues: items.map { ($0["number"] as? String ?? "", $0["status"] as? String ?? "") })
                #expect(statuses == ["N000614": "current", "N000618": "no-record", "N006109": "overdue", "N007001": "stopped"])
            }
            // Stopped (its last record is 60 days old) and no-record elevators are never overdue.
            try await client.execute(uri: "/api/v1/regulator/elevators?overdue=true", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(numbers(response) == ["N006109"])
                let item = (response.object["items"] as? [[String: Any]])?.first ?? [:]
                #expect(item["dueDay"] as? String == "2026-10-31")
                #expect(item["daysOverdue"] as? Int == 25)
                #expect(item["lastWorker"] as? String == "季龙龙")
                #expect(item["inspectionOverdue"] as? Bool == true)
            }
            let filters: [(String, [String])] = [
                ("stopped=true", ["N007001"]),
                ("stopped=false", ["N000614", "N000618", "N006109"]),
                ("inspectionDueWithin=30", ["N006109"]),
                ("inspectionDueWithin=400", ["N006109", "N000614"]),
                ("unit=\(Self.query(TestWorld.unitB))", ["N006109", "N007001"]),
                ("unit=\(Self.query("江苏坤园物业管理有限公司"))", ["N000614"]),
                ("building=\(Self.query("紫东"))", ["N000614"]),
                ("overdue=true&unit=\(Self.query(TestWorld.unitA))", []),
            ]
            for (filter, expected) in filters {
                try await client.execute(uri: "/api/v1/regulator/elevators?\(filter)", method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    #expect(numbers(response) == expected, "\(filter)")
                }
            }
        }
    }

    @Test func pagesFollowEachOther() async throws {
        let world = try await world()
        let headers = try await regulator(world)
        try await world.app(now: { Self.now }).test(.router) { client in
            try await client.execute(uri: "/api/v1/regulator/elevators?limit=3", method: .get, headers: headers) { response in
                #expect(numbers(response) == ["N000614", "N000618", "N006109"])
                #expect(response.object["nextOffset"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/regulator/elevators?limit=3&offset=3", method: .get, headers: headers) { response in
                #expect(numbers(response) == ["N007001"])
                #expect(response.object["nextOffset"] == nil)
            }
        }
    }

    @Test func invalidParametersAre400NamingThem() async throws {
        let world = try await world()
        let headers = try await regulator(world)
        let cases: [(String, String)] = [
            ("elevators?overdue=maybe", "overdue"),
            ("elevators?limit=0", "limit"),
            ("elevators?limit=5000", "limit"),
            ("elevators?offset=-1", "offset"),
            ("elevators?inspectionDueWithin=soon", "inspectionDueWithin"),
            ("elevators?format=pdf", "format"),
            ("elevators?overdu=true", "overdu"),
            ("elevators?building=", "building"),
            ("maintenance-records?from=2026-13-01", "from"),
            ("maintenance-records?from=2026-11-20&to=2026-11-01", "to"),
            ("maintenance-records?status=approved", "status"),
            ("maintenance-records?type=late-upload", "type"),
            ("abnormal-records?type=slow", "type"),
            ("complaints?pastDue=2", "pastDue"),
            ("summary?day=yesterday", "day"),
            ("summary?limit=10", "limit"),
        ]
        try await world.app(now: { Self.now }).test(.router) { client in
            for (uri, field) in cases {
                try await client.execute(uri: "/api/v1/regulator/\(uri)", method: .get, headers: headers) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let error = response.object["error"] as? [String: Any] ?? [:]
                    #expect(error["field"] as? String == field, "\(uri)")
                    #expect((error["message"] as? String ?? "").contains(field), "\(uri): \(error)")
                }
            }
        }
    }

    @Test func maintenanceAndAbnormalRecords() async throws {
        let world = try await world()
        let headers = try await regulator(world)
        try await world.app(now: { Self.now }).test(.router) { client in
            try await client.execute(uri: "/api/v1/regulator/maintenance-records", method: .get, headers: headers) { response in
                #expect(ids(response) == ["N000614/W0101", "N000614/W0101", "N006109/W0201", "N007001/W0201"], "latest first, 崇川区 only")
                let first = (response.object["items"] as? [[String: Any]])?.first ?? [:]
                #expect(first["abnormal"] as? String == "late-upload")
                #expect(first["status"] as? String == "passed")
                #expect(first["type"] as? String == "half-month")
                #expect(first["district"] as? String == "崇川区")
                #expect(first["durationMinutes"] as? Int == 40)
            }
            let filters: [(String, [String])] = [
                ("worker=W0201", ["N006109/W0201", "N007001/W0201"]),
                ("worker=\(Self.query("季龙龙"))", ["N006109/W0201", "N007001/W0201"]),
                ("unit=\(Self.query(TestWorld.unitA))", ["N000614/W0101", "N000614/W0101"]),
                ("from=2026-11-01&to=2026-11-24", ["N000614/W0101"]),
                ("to=2026-10-16", ["N006109/W0201", "N007001/W0201"]),
                ("status=invalid", []),
                ("status=\(Self.query("通过"))&from=2026-11-25", ["N000614/W0101"]),
            ]
            for (filter, expected) in filters {
                try await client.execute(uri: "/api/v1/regulator/maintenance-records?\(filter)", method: .get, headers: headers) { response in
                    #expect(response.status == .ok, "\(filter)")
                    #expect(ids(response) == expected, "\(filter)")
                }
            }
            try await client.execute(uri: "/api/v1/regulator/abnormal-records", method: .get, headers: headers) { response in
                #expect(ids(response) == ["N000614/W0101"])
            }
            try await client.execute(uri: "/api/v1/regulator/abnormal-records?type=over-quota", method: .get, headers: headers) { response in
                #expect(ids(response) == [])
            }
            try await client.execute(uri: "/api/v1/regulator/abnormal-records?type=\(Self.query("超时上传"))", method: .get, headers: headers) { response in
                #expect(ids(response) == ["N000614/W0101"])
            }
        }
    }

    /// Files complaints at given ages; returns their public ids.
    func fileComplaints(_ world: TestWorld) async throws -> (old: String, recent: String, resolved: String, elsewhere: String) {
        func file(_ number: NNumber, daysAgo: Double) async throws -> String {
            try await world.database.file(ComplaintFiling(
                draft: ComplaintDraft(category: .complaint, problem: .noise, text: "=1+1 异响", phone: "13900001111"), number: number, label: nil,
                verification: .unverified, receivedAt: Self.now.addingTimeInterval(-daysAgo * 86_400))).publicID
        }
        let old = try await file(world.current, daysAgo: 10)
        let recent = try await file(world.overdue, daysAgo: 1)
        let resolved = try await file(world.current, daysAgo: 9)
        let resolvedTicket = try #require(try await world.database.complaints(ComplaintFilter()).first { $0.publicID == resolved }?.ticket)
        _ = try await world.database.resolve(ticket: resolvedTicket, resolution: "已修复", by: "unit", at: Self.now.addingTimeInterval(-8 * 86_400))
        let elsewhere = try await file(self.elsewhere, daysAgo: 10)
        return (old, recent, resolved, elsewhere)
    }

    @Test func complaintsOpenAndPastDue() async throws {
        let world = try await world()
        let headers = try await regulator(world)
        let tickets = try await fileComplaints(world)
        try await world.app(now: { Self.now }).test(.router) { client in
            try await client.execute(uri: "/api/v1/regulator/complaints", method: .get, headers: headers) { response in
                #expect(listed(response) == [tickets.recent, tickets.resolved, tickets.old], "newest first, 崇川区 only")
                let items = response.object["items"] as? [[String: Any]] ?? []
                #expect(items.allSatisfy { $0["phone"] == nil }, "never the reporter's phone")
                #expect(!response.text.contains("13900001111"))
            }
            try await client.execute(uri: "/api/v1/regulator/complaints?open=true", method: .get, headers: headers) { response in
                #expect(listed(response) == [tickets.recent, tickets.old])
            }
            try await client.execute(uri: "/api/v1/regulator/complaints?pastDue=true", method: .get, headers: headers) { response in
                #expect(listed(response) == [tickets.old])
                #expect((response.object["items"] as? [[String: Any]])?.first?["isPastDue"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/regulator/complaints?from=2026-11-20", method: .get, headers: headers) { response in
                #expect(listed(response) == [tickets.recent])
            }
        }
    }

    @Test func csvAndXlsxExports() async throws {
        let world = try await world()
        let headers = try await regulator(world)
        _ = try await fileComplaints(world)
        try await world.app(now: { Self.now }).test(.router) { client in
            try await client.execute(uri: "/api/v1/regulator/maintenance-records?format=csv", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"maintenance-records-2026-11-25.csv\"")
                let bytes = Array(response.body.readableBytesView)
                #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
                let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").dropLast()
                #expect(lines.count == 5, "header and every record, not a page")
                #expect(lines.first?.hasPrefix("记录编号,电梯编号,行政区划,街道办,地址,维保类型,开始时间,结束时间,上传时间") == true)
                #expect(lines.dropFirst().first?.contains(",N000614,崇川区,文峰街道,") == true)
                #expect(lines.dropFirst().first?.contains(",半月保,2026-11-25 08:00,2026-11-25 08:40,2026-11-25 20:00,40,陈建章,W0101,") == true)
                #expect(lines.dropFirst().first?.hasSuffix(",通过,超时上传") == true)
            }
            try await client.execute(uri: "/api/v1/regulator/complaints?format=csv", method: .get, headers: headers) { response in
                let text = String(decoding: Array(response.body.readableBytesView).dropFirst(3), as: UTF8.self)
                #expect(text.contains(",'=1+1 异响,"), "a formula-like text is defused")
                #expect(!text.contains("13900001111"), "no phone")
            }
            try await client.execute(uri: "/api/v1/regulator/elevators?overdue=true&format=xlsx", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(Array(response.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04], "a zip package")
            }
            try await client.execute(uri: "/api/v1/regulator/summary?format=csv", method: .get, headers: headers) { response in
                let lines = String(decoding: Array(response.body.readableBytesView).dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
                #expect(lines.first == "日期,行政区划,街道办,电梯总数,停用,超期,超期率,无记录,异常记录,未办结投诉,超期未办结投诉")
                #expect(lines.dropFirst().first == "2026-11-25,崇川区,,4,1,1,33.33%,1,1,2,1")
            }
        }
    }

    @Test func theDailySummary() async throws {
        let world = try await world()
        let headers = try await regulator(world)
        _ = try await fileComplaints(world)
        try await world.app(now: { Self.now }).test(.router) { client in
            try await client.execute(uri: "/api/v1/regulator/summary", method: .get, headers: headers) { response in
                #expect(response.object["day"] as? String == "2026-11-25")
                let districts = response.object["districts"] as? [[String: Any]] ?? []
                #expect(districts.count == 1)
                let row = districts.first ?? [:]
                #expect(row["district"] as? String == "崇川区")
                #expect(row["elevators"] as? Int == 4)
                #expect(row["stopped"] as? Int == 1)
                #expect(row["overdue"] as? Int == 1)
                #expect(row["noRecord"] as? Int == 1)
                #expect(abs((row["overdueRate"] as? Double ?? 0) - 1.0 / 3.0) < 1e-9)
                #expect(row["abnormalRecords"] as? Int == 1)
                #expect(row["openComplaints"] as? Int == 2)
                #expect(row["pastDueComplaints"] as? Int == 1)
            }
            // Ten days ago: the old and the (later) resolved complaints were open, none past due.
            try await client.execute(uri: "/api/v1/regulator/summary?day=2026-11-16", method: .get, headers: headers) { response in
                let row = (response.object["districts"] as? [[String: Any]])?.first ?? [:]
                #expect(row["abnormalRecords"] as? Int == 0)
                #expect(row["openComplaints"] as? Int == 2)
                #expect(row["pastDueComplaints"] as? Int == 0)
            }
            let admin = await HTTPFields.bearer(try world.token(Account(id: 0, role: .admin, createdAt: Date())))
            try await client.execute(uri: "/api/v1/regulator/summary", method: .get, headers: admin) { response in
                let districts = (response.object["districts"] as? [[String: Any]] ?? []).compactMap { $0["district"] as? String }
                #expect(districts == ["崇川区", "港闸区"])
            }
        }
    }
}
