import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftCrypto
import LiftServer
import LiftStore
import Logging

/// A small real world for route tests: an in-memory database with three elevators, a key ring
/// with K1 in a temporary folder, labels in the ledger, and codes of every kind.
struct TestWorld {
    static let base = "HTTP://LIFTCODE.TEST"
    static let unitA = "南通弘扬电梯安装有限公司"
    static let unitB = "江南嘉捷电梯股份有限公司苏州分公司"
    static let today = CivilDate(year: 2026, month: 11, day: 25)!

    let database: AppDatabase
    let keyRing: KeyRing
    let signer: LabelSigner
    let current = NNumber(value: 614)!  // unit A, maintained 3 days ago
    let classified = NNumber(value: 618)!
    let overdue = NNumber(value: 6109)!  // unit B, maintained 40 days ago
    let unregistered = NNumber(value: 1)!

    init() throws {
        database = try AppDatabase.inMemory()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-server-\(UUID().uuidString)")
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
        try database.saveWorker(Worker(login: "W0101", name: "陈建章", phone: "13912345678", unitName: Self.unitA))
        try database.saveWorker(Worker(login: "W0201", name: "季龙龙", phone: "13812345678", unitName: Self.unitB))
        try database.addInsurance(
            Insurance(insurer: "中国人民财产保险", policyNumber: "PZAL2026000614", coverage: "电梯安全责任险", validFrom: Self.today.adding(days: -100), validTo: Self.today.adding(days: 265), claimsPhone: "95518"),
            for: current)
        try database.addInsurance(
            Insurance(insurer: "中国人民财产保险", policyNumber: "PZAL2025006109", coverage: "电梯安全责任险", validFrom: Self.today.adding(days: -500), validTo: Self.today.adding(days: -135)),
            for: overdue)
        for (number, worker, daysAgo) in [(current, "W0101", 3), (overdue, "W0201", 40)] {
            let start = ShanghaiTime.startOfDay(Self.today.adding(days: -daysAgo)).addingTimeInterval(9 * 3600)
            let w = try database.worker(login: worker)!
            try database.insertMaintenanceRecord(MaintenanceRecord(
                number: number, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(45 * 60),
                uploadedAt: start.addingTimeInterval(50 * 60), workerLogin: w.login, workerName: w.name, maintenanceUnit: w.unitName, status: .passed))
        }
        let district = District(digit: 0, name: "崇川区")
        _ = try database.issue(BatchRequest(
            district: district, selection: .numbers([current, classified, overdue, unregistered], replace: false), keyID: "K1",
            baseURL: Self.base, layout: "a4", createdAt: Date()))
        _ = try database.issue(BatchRequest(
            district: district, selection: .numbers([overdue], replace: true), keyID: "K1", baseURL: Self.base, layout: "a4", createdAt: Date()))
    }

    /// The path after /E/ of a label's code.
    func path(_ number: NNumber, serial: Int = 1) throws -> String {
        String(try signer.code(baseURL: Self.base, label: LabelID(number: number, serial: serial)).text.dropFirst(Self.base.count + 3))
    }

    func code(_ number: NNumber, serial: Int = 1) throws -> String {
        try signer.code(baseURL: Self.base, label: LabelID(number: number, serial: serial)).text
    }

    /// A code whose signature was altered in one character.
    func counterfeitPath() throws -> String {
        var characters = Array(try path(current))
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    func configuration(perClient: Int? = 10, perElevator: Int? = 30) -> ServerConfiguration {
        ServerConfiguration(labelBaseURL: Self.base, complaintsPerClientPerMinute: perClient, complaintsPerElevatorPerHour: perElevator, logRequests: false)
    }

    /// - Parameter now: the server's clock (uploads are stamped with it); the real one by default.
    func app(perClient: Int? = 10, perElevator: Int? = 30, now: @escaping @Sendable () -> Date = { Date() }) -> some ApplicationProtocol {
        let dependencies = ServerDependencies(
            registry: database, complaints: database, outbox: database, accounts: database, maintenance: database, supervision: database,
            signatures: keyRing,
            publicKeys: [PublishedKey(id: "K1", status: .active, pem: try! keyRing.publicKeys["K1"]!.pemRepresentation)],
            today: { Self.today }, now: now, units: database, rescues: database)
        return buildApplication(configuration(perClient: perClient, perElevator: perElevator), dependencies: dependencies, logger: Logger(label: "test"))
    }

    /// The server's dependencies over this world's database and keys.
    func dependencies(now: @escaping @Sendable () -> Date = { Date() }) -> ServerDependencies {
        ServerDependencies(
            registry: database, complaints: database, outbox: database, accounts: database, maintenance: database, supervision: database,
            signatures: keyRing,
            publicKeys: [PublishedKey(id: "K1", status: .active, pem: try! keyRing.publicKeys["K1"]!.pemRepresentation)],
            today: { Self.today }, now: now, units: database, rescues: database)
    }

    /// The application with a configuration of the test's own.
    func app(configuration: ServerConfiguration) -> some ApplicationProtocol {
        buildApplication(configuration, dependencies: dependencies(), logger: Logger(label: "test"))
    }

    /// An application whose page cache (30 s, `bytes` large) the test can look into.
    func appWithPageCache(bytes: Int) -> (application: some ApplicationProtocol, pageCache: PageCache) {
        var configuration = configuration()
        configuration.pageCacheLifetime = .seconds(30)
        configuration.pageCacheBytes = bytes
        let pageCache = PageCache(maximumBytes: bytes, lifetime: .seconds(30))
        let keys = TrustedKeys(keyRing, published: [])
        let router = buildRouter(configuration, dependencies: dependencies(), metrics: ServerMetrics(), logger: Logger(label: "test"), keys: keys, pageCache: pageCache)
        return (Application(router: router), pageCache)
    }

    /// Adds an account and returns its token.
    func token(_ account: Account) throws -> String {
        let token = try AccessToken.generate()
        _ = try database.addAccount(account, tokenHash: AccessToken.hash(token))
        return token
    }
}

extension HTTPFields {
    static let json: HTTPFields = [.accept: "application/json", .contentType: "application/json"]
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
    /// The body as a JSON object, empty when it is not one (so expectations on it fail).
    var object: [String: Any] { (try? json()) ?? [:] }
    /// The body as a JSON array, empty when it is not one.
    var array: [[String: Any]] { (try? jsonArray()) ?? [] }
    func jsonArray() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }
}
