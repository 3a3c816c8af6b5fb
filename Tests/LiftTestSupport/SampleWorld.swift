import Foundation
import LiftCore
import LiftCrypto
import LiftStore

/// A small real world that the server's and the kiosk's tests share: an in-memory database with
/// three elevators (one current, one classified, one overdue), two maintenance units with workers,
/// insurance and maintenance records, a key ring with K1 in a temporary folder, and labels in the
/// ledger (N006109's first label replaced, so revoked). N000001 has a label but no registry entry.
public struct SampleWorld: Sendable {
    public static let base = "HTTP://LIFTCODE.TEST"
    public static let unitA = "南通弘扬电梯安装有限公司"
    public static let unitB = "江南嘉捷电梯股份有限公司苏州分公司"
    public static let today = CivilDate(year: 2026, month: 11, day: 25)!

    public let database: AppDatabase
    public let keyRing: KeyRing
    public let signer: LabelSigner
    /// Unit A's, maintained 3 days before `today`.
    public let current = NNumber(value: 614)!
    public let classified = NNumber(value: 618)!
    /// Unit B's, maintained 40 days before `today`; its label 1 was replaced by label 2.
    public let overdue = NNumber(value: 6109)!
    public let unregistered = NNumber(value: 1)!

    /// - Parameter unitBPhone: whether unit B has a unit record with its phone (the kiosk's world
    ///   has one; the server's leaves unit B with workers only).
    public init(unitBPhone: Bool = false) async throws {
        database = try AppDatabase.inMemory()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-world-\(UUID().uuidString)")
        _ = try KeyRing.generate(id: "K1", in: directory)
        keyRing = try KeyRing(directory: directory)
        signer = try keyRing.signer(for: "K1")
        _ = try await database.upsert([
            Elevator(
                number: current, rescueCode: "005248", registrationCode: "30103206012014091551", address: "崇川区文峰街道紫东花苑沿街",
                building: "紫东花苑沿街商铺", district: "崇川区", street: "文峰街道", nextInspection: CivilDate(year: 2027, month: 10, day: 1),
                userUnit: "江苏坤园物业管理有限公司", maintenanceUnit: Self.unitA, manufacturer: "巨人通力电梯"),
            Elevator(number: classified, address: "秘密地址", district: "崇川区", maintenanceUnit: Self.unitA, isClassified: true),
            Elevator(
                number: overdue, address: "崇川区钟通甲路6号紫东世纪", district: "崇川区", street: "文峰街道",
                nextInspection: CivilDate(year: 2017, month: 10, day: 28), maintenanceUnit: Self.unitB),
        ])
        try database.saveUnit(Organization(name: Self.unitA, kind: .maintenance, phone: "0513-85123456"))
        if unitBPhone {
            try database.saveUnit(Organization(name: Self.unitB, kind: .maintenance, phone: "0512-66778899"))
        }
        try database.saveWorker(Worker(login: "W0101", name: "陈建章", phone: "13912345678", unitName: Self.unitA))
        try database.saveWorker(Worker(login: "W0201", name: "季龙龙", phone: "13812345678", unitName: Self.unitB))
        try database.addInsurance(
            Insurance(
                insurer: "中国人民财产保险", policyNumber: "PZAL2026000614", coverage: "电梯安全责任险", validFrom: Self.today.adding(days: -100),
                validTo: Self.today.adding(days: 265), claimsPhone: "95518"),
            for: current)
        try database.addInsurance(
            Insurance(
                insurer: "中国人民财产保险", policyNumber: "PZAL2025006109", coverage: "电梯安全责任险", validFrom: Self.today.adding(days: -500),
                validTo: Self.today.adding(days: -135)),
            for: overdue)
        for (number, worker, daysAgo) in [(current, "W0101", 3), (overdue, "W0201", 40)] {
            let start = ShanghaiTime.startOfDay(Self.today.adding(days: -daysAgo)).addingTimeInterval(9 * 3600)
            let w = try await database.worker(login: worker)!
            try database.insertMaintenanceRecord(MaintenanceRecord(
                number: number, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(45 * 60),
                uploadedAt: start.addingTimeInterval(50 * 60), workerLogin: w.login, workerName: w.name, maintenanceUnit: w.unitName,
                status: .passed))
        }
        let district = District(digit: 0, name: "崇川区")
        _ = try await database.issue(BatchRequest(
            district: district, selection: .numbers([current, classified, overdue, unregistered], replace: false), keyID: "K1",
            baseURL: Self.base, layout: "a4", createdAt: Date()))
        _ = try await database.issue(BatchRequest(
            district: district, selection: .numbers([overdue], replace: true), keyID: "K1", baseURL: Self.base, layout: "a4",
            createdAt: Date()))
    }

    /// A label's whole code, as its QR code holds it.
    public func code(_ number: NNumber, serial: Int = 1) throws -> String {
        try signer.code(baseURL: Self.base, label: LabelID(number: number, serial: serial)).text
    }

    /// The path after /E/ of a label's code.
    public func path(_ number: NNumber, serial: Int = 1) throws -> String {
        String(try code(number, serial: serial).dropFirst(Self.base.count + 3))
    }

    /// The current elevator's genuine code with one signature character changed.
    public func counterfeitCode() throws -> String {
        var characters = Array(try code(current))
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    /// The path after /E/ of ``counterfeitCode()``.
    public func counterfeitPath() throws -> String {
        String(try counterfeitCode().dropFirst(Self.base.count + 3))
    }
}
