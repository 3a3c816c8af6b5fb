import Foundation
import LiftCore
import LiftStore

/// A small registry in memory for export tests: four elevators in 崇川区 (current, overdue,
/// stopped, no record) and one in 港闸区, with counted, late and over-quota records.
struct ExportWorld {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!
    static let unit = "南通弘扬电梯安装有限公司"
    let database: AppDatabase
    let current = NNumber(value: 614)!
    let overdue = NNumber(value: 6109)!
    let stopped = NNumber(value: 7001)!
    let noRecord = NNumber(value: 7002)!
    let elsewhere = NNumber(value: 100_001)!

    init() async throws {
        database = try AppDatabase.inMemory()
        _ = try await database.upsert([
            Elevator(number: current, address: "崇川区工农路1号 \"紫东\" <花苑> & 商铺", building: "紫东花苑", district: "崇川区", street: "文峰街道",
                nextInspection: CivilDate(year: 2027, month: 10, day: 1), userUnit: "江苏坤园物业管理有限公司", maintenanceUnit: Self.unit),
            Elevator(number: overdue, address: "崇川区钟通甲路6号", district: "崇川区", street: "文峰街道",
                nextInspection: CivilDate(year: 2017, month: 10, day: 28), maintenanceUnit: Self.unit),
            Elevator(number: stopped, address: "崇川区停用梯", district: "崇川区", street: "城东街道", maintenanceUnit: Self.unit, isStopped: true),
            Elevator(number: noRecord, address: "崇川区新梯", district: "崇川区", street: "城东街道", maintenanceUnit: Self.unit),
            Elevator(number: elsewhere, address: "港闸区某路1号", district: "港闸区", maintenanceUnit: Self.unit),
        ])
        try database.saveWorker(Worker(login: "W0101", name: "陈建章", phone: "13912345678", unitName: Self.unit))
        try database.saveWorker(Worker(login: "W0102", name: "季龙龙", phone: "13812345678", unitName: Self.unit))
        // (elevator, worker, days ago, abnormal)
        let visits: [(NNumber, String, String, Int, AbnormalType?)] = [
            (current, "W0101", "陈建章", 3, nil), (current, "W0101", "陈建章", 17, nil), (overdue, "W0102", "季龙龙", 40, nil),
            (stopped, "W0102", "季龙龙", 60, nil), (current, "W0102", "季龙龙", 0, .lateUpload), (overdue, "W0101", "陈建章", 0, .overQuota),
            (elsewhere, "W0101", "陈建章", 2, nil),
        ]
        for (number, login, name, daysAgo, abnormal) in visits {
            let start = ShanghaiTime.startOfDay(Self.today.adding(days: -daysAgo)).addingTimeInterval(9 * 3600)
            try database.insertMaintenanceRecord(MaintenanceRecord(
                number: number, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(45 * 60),
                uploadedAt: start.addingTimeInterval(abnormal == .lateUpload ? 10 * 3600 : 50 * 60), workerLogin: login, workerName: name,
                maintenanceUnit: Self.unit, status: .passed, abnormal: abnormal))
        }
    }

    /// Noon in Shanghai on the test day.
    static var now: Date { ShanghaiTime.startOfDay(today).addingTimeInterval(12 * 3600) }

    static func temporaryFile(_ name: String) -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftexport-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name)
    }
}
