import Foundation
import LiftCore
import LiftCrypto
import LiftKiosk
import LiftStore
import Synchronization

/// A small real world for kiosk tests: an in-memory database with three elevators, units,
/// workers, insurance and maintenance, a key ring with K1 in a temporary folder, labels in the
/// ledger (N006109's first label replaced, so revoked), and a clock the test moves.
struct KioskWorld {
    static let base = "HTTP://LIFTCODE.TEST"
    static let unitA = "南通弘扬电梯安装有限公司"
    static let unitB = "江南嘉捷电梯股份有限公司苏州分公司"
    static let today = CivilDate(year: 2026, month: 11, day: 25)!
    static let adminSequence = "\u{18}\u{18}quit"

    let database: AppDatabase
    let keyRing: KeyRing
    let signer: LabelSigner
    let clock = TestClock(ShanghaiTime.startOfDay(KioskWorld.today).addingTimeInterval(10 * 3600))
    let current = NNumber(value: 614)!  // unit A, maintained 3 days ago
    let classified = NNumber(value: 618)!
    let overdue = NNumber(value: 6109)!  // unit B, maintained 40 days ago; label 1 replaced by label 2
    let unregistered = NNumber(value: 1)!

    init() throws {
        database = try AppDatabase.inMemory()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-kiosk-\(UUID().uuidString)")
        _ = try KeyRing.generate(id: "K1", in: directory)
        keyRing = try KeyRing(directory: directory)
        signer = try keyRing.signer(for: "K1")
        _ = try database.upsert([
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
        try database.saveUnit(Organization(name: Self.unitB, kind: .maintenance, phone: "0512-66778899"))
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
            let w = try database.worker(login: worker)!
            try database.insertMaintenanceRecord(MaintenanceRecord(
                number: number, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(45 * 60),
                uploadedAt: start.addingTimeInterval(50 * 60), workerLogin: w.login, workerName: w.name, maintenanceUnit: w.unitName,
                status: .passed))
        }
        let district = District(digit: 0, name: "崇川区")
        _ = try database.issue(BatchRequest(
            district: district, selection: .numbers([current, classified, overdue, unregistered], replace: false), keyID: "K1",
            baseURL: Self.base, layout: "a4", createdAt: Date()))
        _ = try database.issue(BatchRequest(
            district: district, selection: .numbers([overdue], replace: true), keyID: "K1", baseURL: Self.base, layout: "a4",
            createdAt: Date()))
    }

    /// A label's whole code, as its QR code holds it.
    func code(_ number: NNumber, serial: Int = 1) throws -> String {
        try signer.code(baseURL: Self.base, label: LabelID(number: number, serial: serial)).text
    }

    /// A genuine code with one signature character changed.
    func counterfeitCode() throws -> String {
        var characters = Array(try code(current))
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    var backend: LocalKioskBackend {
        LocalKioskBackend(lookup: ElevatorLookup(registry: database, verifier: LabelVerifier(signatures: keyRing)), complaints: database)
    }

    func settings(language: Language = .zh, allowExit: Bool = false) -> KioskSettings {
        KioskSettings(language: language, idleTimeout: 60, adminSequence: Array(Self.adminSequence.utf8), allowExit: allowExit)
    }

    func session(language: Language = .zh, size: TerminalSize = .standard, allowExit: Bool = false) -> KioskSession {
        let clock = clock
        return KioskSession(settings: settings(language: language, allowExit: allowExit), backend: backend, size: size, clock: { clock.now })
    }
}

/// A clock a test moves by hand.
final class TestClock: Sendable {
    private let time: Mutex<Date>

    init(_ start: Date) {
        time = Mutex(start)
    }

    var now: Date { time.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        time.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

extension KioskSession {
    /// Types a line as a scanner does (the text, then Enter) and waits for the answer.
    func scan(_ text: String, suffix: String = "\r") async {
        type(text + suffix)
        await settle()
    }

    /// The screen's text.
    var text: String { screen.text }
}
