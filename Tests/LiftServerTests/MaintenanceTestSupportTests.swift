import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftStore
import LiftTestSupport
import Testing

/// The maintenance side of the test world: more elevators of unit A, and tokens for each role.
struct MaintenanceWorld {
    static let property = "江苏坤园物业管理有限公司"
    static let otherProperty = "南通天一置业有限公司"

    let world: TestWorld
    let clock: TestClock
    /// Twelve more elevators of unit A in 崇川区 文峰街道, N000700…N000711, of the first property.
    let fleet: [NNumber]
    let workerA: String  // W0101, unit A
    let workerA2: String  // W0102, unit A
    let workerB: String  // W0201, unit B
    let maintainerA: String
    let maintainerB: String
    let property: String
    let otherProperty: String
    let regulator: String  // 崇川区
    let streetRegulator: String  // 崇川区 文峰街道
    let otherStreetRegulator: String  // 崇川区 和平桥街道
    let otherRegulator: String  // 港闸区

    init(now: Date = ShanghaiTime.startOfDay(TestWorld.today).addingTimeInterval(10 * 3600)) async throws {
        world = try await TestWorld()
        clock = TestClock(now)
        fleet = (700...711).map { NNumber(value: $0)! }
        _ = try await world.database.upsert(fleet.map {
            Elevator(
                number: $0, address: "崇川区文峰街道测试路\($0.value)号", district: "崇川区", street: "文峰街道",
                userUnit: $0.value == 711 ? Self.otherProperty : Self.property, maintenanceUnit: TestWorld.unitA)
        })
        try world.database.saveWorker(Worker(login: "W0102", name: "王师傅", unitName: TestWorld.unitA))
        let created = Date()
        workerA = try await world.token(Account(id: 0, role: .worker, unit: TestWorld.unitA, name: "陈建章", workerLogin: "W0101", createdAt: created))
        workerA2 = try await world.token(Account(id: 0, role: .worker, unit: TestWorld.unitA, name: "王师傅", workerLogin: "W0102", createdAt: created))
        workerB = try await world.token(Account(id: 0, role: .worker, unit: TestWorld.unitB, name: "季龙龙", workerLogin: "W0201", createdAt: created))
        maintainerA = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitA, createdAt: created))
        maintainerB = try await world.token(Account(id: 0, role: .maintainer, unit: TestWorld.unitB, createdAt: created))
        property = try await world.token(Account(id: 0, role: .property, unit: Self.property, createdAt: created))
        otherProperty = try await world.token(Account(id: 0, role: .property, unit: Self.otherProperty, createdAt: created))
        regulator = try await world.token(Account(id: 0, role: .regulator, district: "崇川区", name: "崇川区市场监督管理局", createdAt: created))
        streetRegulator = try await world.token(Account(id: 0, role: .regulator, district: "崇川区", street: "文峰街道", createdAt: created))
        otherStreetRegulator = try await world.token(Account(id: 0, role: .regulator, district: "崇川区", street: "和平桥街道", createdAt: created))
        otherRegulator = try await world.token(Account(id: 0, role: .regulator, district: "港闸区", createdAt: created))
    }

    func app() -> some ApplicationProtocol {
        let clock = clock
        return world.app(now: { clock.now })
    }

    /// "2026-11-25T09:00:00+08:00" as a phone sends it.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return formatter.string(from: date)
    }

    /// A scan of the genuine label (serial 1) of an elevator.
    func scan(_ number: NNumber, serial: Int = 1, at: Date) throws -> [String: Any] {
        ["code": try world.code(number, serial: serial), "at": Self.iso(at)]
    }

    /// A typed number instead of a scan.
    static func typed(_ number: NNumber, at: Date) -> [String: Any] {
        ["number": number.description, "at": iso(at)]
    }

    /// An upload body.
    static func body(id: String, type: String = "half-month", start: [String: Any], end: [String: Any], remarks: String? = nil) throws -> ByteBuffer {
        var object: [String: Any] = ["id": id, "type": type, "start": start, "end": end, "items": ["轿厢照明", "层门门锁"]]
        if let remarks { object["remarks"] = remarks }
        return ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    /// A genuine visit of `number` that ended `endedBefore` before the upload at the clock's time.
    func visit(
        _ number: NNumber, id: String, minutes: Double = 40, endedBefore: TimeInterval = 10 * 60, type: String = "half-month"
    ) throws -> ByteBuffer {
        let end = clock.now.addingTimeInterval(-endedBefore)
        return try Self.body(id: id, type: type, start: try scan(number, at: end.addingTimeInterval(-minutes * 60)), end: try scan(number, at: end))
    }

    /// How long before the clock the `index`th of a worker's back-to-back half-hour visits ends
    /// (a worker's visits may not overlap).
    func slot(_ index: Int) -> TimeInterval { 600 + TimeInterval(index) * 1800 }

    /// Uploads and returns the status and JSON answer.
    func upload(_ client: some TestClientProtocol, _ body: ByteBuffer, token: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: "/api/v1/maintenance-records", method: .post, headers: .bearer(token), body: body) { response in
            (response.status, response.object)
        }
    }
}

@Suite struct MaintenanceTestSupportTests {
    @Test func theWorldsCodesVerifyAndItsClockMoves() async throws {
        let world = try await MaintenanceWorld()
        let start = world.clock.now
        world.clock.set(start.addingTimeInterval(60))
        #expect(world.clock.now.timeIntervalSince(start) == 60)
        #expect(MaintenanceWorld.iso(ShanghaiTime.startOfDay(TestWorld.today)) == "2026-11-25T00:00:00+08:00")
        try await world.app().test(.router) { client in
            try await client.execute(uri: "/E/\(try world.world.path(world.fleet[0]))", method: .get, headers: .json) { response in
                #expect(response.status == .ok)
                #expect(response.object["outcome"] as? String == "genuine")
            }
        }
    }
}
