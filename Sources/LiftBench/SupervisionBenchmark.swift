import ArgumentParser
import Foundation
import GRDB
import LiftCore
import LiftDemo
import LiftExport
import LiftStore

/// `liftbench supervision`: a district's overdue list among 1,000,000 elevators and 24,000,000
/// maintenance records (target: under 200 ms), and a 100,000-record .xlsx export (target: under
/// 10 s), both through the code paths the API uses.
///
/// The database is built once under bench-out/ and reused while its size and build day match.
/// The build writes every elevator with its maintenance state computed by `MaintenanceHistory`
/// from its counted records, in bulk: synchronous=OFF and no journal (for this build only), one
/// transaction per million records through prepared statements, the secondary indexes dropped
/// during the load and created afterwards, then ANALYZE.
struct SupervisionBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervision",
        abstract: "Time a district's overdue list among 1M elevators and 24M records, and a 100k-record xlsx export.")

    @Option(help: "Elevators (at most 999999: every possible N-number).")
    var elevators = 999_999

    @Option(help: "Maintenance records in all.")
    var records = 24_000_000

    @Option(help: "The benchmark database, reused while it matches.")
    var database = "bench-out/supervision.sqlite"

    @Flag(help: "Build the database again even if it matches.")
    var rebuild = false

    func validate() throws {
        guard (10...999_999).contains(elevators) else { throw ValidationError("--elevators must be 10 to 999999") }
        guard records >= elevators else { throw ValidationError("--records must be at least --elevators") }
    }

    func run() async throws {
        ResultTable.print(try await Self.measure(elevators: elevators, records: records, path: database, rebuild: rebuild))
    }

    static let districtNames = ["崇川区", "港闸区", "南通开发区", "通州区", "海安市", "海门市", "启东市", "如东县", "如皋市", "通州湾示范区"]

    /// Builds or reuses the database, then times the overdue list and the export.
    static func measure(elevators: Int, records: Int, path: String, rebuild: Bool) async throws -> [BenchmarkResult] {
        let buildDay = try SupervisionBenchData.prepare(path: path, elevators: elevators, records: records, rebuild: rebuild)
        let database = try AppDatabase.open(path: path)
        let district = districtNames[0]
        let filter = SupervisedElevatorFilter(scope: SupervisionScope(district: district), overdueOnly: true, today: buildDay)
        print("supervision: query plan of the overdue list:")
        for line in try database.overdueQueryPlan(district: district, today: buildDay) { print("  \(line)") }

        // The overdue list: the first page, as GET /api/v1/regulator/elevators?overdue=true answers it.
        var timings: [Double] = []
        var first: ResultPage<SupervisedElevator>?
        for _ in 0..<11 {
            let start = DispatchTime.now().uptimeNanoseconds
            let page = try await database.supervisedElevators(filter, page: PageRequest(limit: 100))
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            first = first ?? page
        }
        let cold = timings[0]
        let warm = timings.dropFirst().sorted()[timings.count / 2 - 1]
        let overdueTotal = try await database.count(filter)
        let page = first?.items ?? []
        guard page.count == min(100, overdueTotal), page.allSatisfy({ $0.status == .overdue && $0.district == district }) else {
            throw BenchmarkFailure("the overdue page is wrong: \(page.count) rows")
        }
        print(String(format: "supervision: overdue list of %@ (%d overdue): first page of %d in %.1f ms cold, %.1f ms median warm",
            district, overdueTotal, page.count, cold, warm))

        let summaryStart = DispatchTime.now().uptimeNanoseconds
        let summaries = try await database.dailySummary(SupervisionScope(district: district), day: buildDay, now: Date())
        print(String(format: "supervision: daily summary of %@ in %.1f ms: %@", district,
            Double(DispatchTime.now().uptimeNanoseconds - summaryStart) / 1e6, String(describing: summaries)))
        let everywhereStart = DispatchTime.now().uptimeNanoseconds
        let everywhere = try await database.dailySummary(.everywhere, day: buildDay, now: Date())
        print(String(format: "supervision: daily summary of all %d districts in %.1f ms", everywhere.count,
            Double(DispatchTime.now().uptimeNanoseconds - everywhereStart) / 1e6))

        // The export: 100,000 records of the district, as ?format=xlsx writes them.
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("records-100k.xlsx")
        let exporter = SupervisionExporter(store: database)
        let recordFilter = SupervisedRecordFilter(scope: SupervisionScope(district: district), from: buildDay.adding(days: -60), to: buildDay)
        let summary = SupervisionExporter.SummarySheet(scope: SupervisionScope(district: district), day: buildDay, now: Date())
        let exportStart = DispatchTime.now().uptimeNanoseconds
        let rows = try await exporter.exportRecords(recordFilter, format: .xlsx, to: out, limit: 100_000, summary: summary)
        let exportSeconds = Double(DispatchTime.now().uptimeNanoseconds - exportStart) / 1e9
        let size = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
        print(String(format: "supervision: exported %d records to %@ (%.1f MB) in %.2f s, peak memory %.0f MB",
            rows, out.path, Double(size) / 1e6, exportSeconds, peakMemoryMB()))

        return [
            BenchmarkResult(
                name: "overdue list, 1 district of \(elevators) elevators / \(records) records",
                figure: String(format: "%.1f ms (cold %.1f ms)", warm, cold), target: "< 200 ms", met: warm < 200 && cold < 200),
            BenchmarkResult(
                name: "xlsx export of \(rows) maintenance records", figure: String(format: "%.2f s", exportSeconds), target: "< 10 s",
                met: rows == 100_000 && exportSeconds < 10),
        ]
    }
}

/// A benchmark whose result is wrong.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}

/// Builds the supervision benchmark's database in bulk.
enum SupervisionBenchData {
    /// Builds the database unless one of the same size exists; returns the day it was built for.
    static func prepare(path: String, elevators: Int, records: Int, rebuild: Bool) throws -> CivilDate {
        if !rebuild, FileManager.default.fileExists(atPath: path), let day = try existingBuildDay(path: path, elevators: elevators, records: records) {
            print("supervision: reusing \(path), built for \(day)")
            // Migrations added since the build may have made indexes the planner has no statistics for.
            do { _ = try AppDatabase.open(path: path) }
            try analyzeNewIndexes(path: path)
            return day
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let today = ShanghaiTime.day(of: Date())
        // The schema, exactly as the app migrates it.
        do { _ = try AppDatabase.open(path: path) }
        let started = Date()
        try build(path: path, elevators: elevators, records: records, today: today)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "supervision: built %@ (%.1f GB) in %.0f s", path, Double(size) / 1e9, Date().timeIntervalSince(started)))
        return today
    }

    /// Runs ANALYZE on the tables that have an index without statistics.
    static func analyzeNewIndexes(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT DISTINCT m.tbl_name FROM sqlite_master m
                WHERE m.type = 'index' AND m.tbl_name IN ('elevator', 'maintenanceRecord')
                  AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.idx = m.name)
                """)
            for table in tables {
                let start = Date()
                try db.execute(sql: "ANALYZE \(table)")
                print(String(format: "supervision: analyzed %@ for new indexes in %.0f s", table, Date().timeIntervalSince(start)))
            }
        }
        try queue.close()
    }

    static func existingBuildDay(path: String, elevators: Int, records: Int) throws -> CivilDate? {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            guard try db.tableExists("liftbenchBuild"),
                let row = try Row.fetchOne(db, sql: "SELECT * FROM liftbenchBuild"),
                row["elevators"] as Int == elevators, row["records"] as Int == records
            else { return nil }
            return CivilDate(daysSinceEpoch: row["day"])
        }
    }

    static func build(path: String, elevators: Int, records: Int, today: CivilDate) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // For this throwaway build only: nothing here must survive a crash.
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -1000000")
            try db.execute(sql: "PRAGMA threads = 2")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let indexes = try queue.inDatabase { db -> [(String, String)] in
            let indexes = try Row.fetchAll(
                db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('elevator', 'maintenanceRecord')"
            ).map { ($0["name"] as String, $0["sql"] as String) }
            for (name, _) in indexes { try db.execute(sql: "DROP INDEX \(name)") }
            return indexes
        }

        let maintenanceUnits = SyntheticRegistry(districts: DistrictDirectory([])).maintenanceUnitNames
        var unitIDs: [String: Int64] = [:]
        var workers: [String: [Worker]] = [:]
        let userUnits = ["南通紫东物业管理有限公司", "南通星光物业服务有限公司", "江苏中南物业服务有限公司", "南通濠河物业管理有限公司", "南通新城物业有限公司", "南通万科物业服务有限公司"]
        try queue.inTransaction { db in
            for (index, name) in maintenanceUnits.enumerated() {
                try db.execute(sql: "INSERT INTO unit (name, kind, phone) VALUES (?, 'maintenance', ?)", arguments: [name, SyntheticRegistry.unitPhone(seed: UInt64(index))])
                let unitID = db.lastInsertedRowID
                unitIDs["m:" + name] = unitID
                workers[name] = SyntheticRegistry.workers(of: name, unitIndex: index, perUnit: 60)
                for worker in workers[name]! {
                    try db.execute(
                        sql: "INSERT INTO worker (login, name, phone, unitId) VALUES (?, ?, ?, ?)",
                        arguments: [worker.login, worker.name, worker.phone, unitID])
                }
            }
            for name in userUnits {
                try db.execute(sql: "INSERT INTO unit (name, kind) VALUES (?, 'user')", arguments: [name])
                unitIDs["u:" + name] = db.lastInsertedRowID
            }
            return .commit
        }

        let hasUploadStatus = try queue.read { db in try db.columns(in: "maintenanceRecord").contains { $0.name == "uploadStatus" } }
        let recordColumns = "id, number, type, startedAt, endedAt, uploadedAt, uploadDay, workerLogin, workerName, maintenanceUnit, status, abnormal, verification, items"
            + (hasUploadStatus ? ", uploadStatus" : "")
        let placeholders = Array(repeating: "?", count: hasUploadStatus ? 15 : 14).joined(separator: ", ")
        let registry = SyntheticRegistry(districts: DistrictDirectory([]))
        let perElevator = records / elevators
        let extra = records - perElevator * elevators
        var recordID: Int64 = 0
        var elevatorIndex = 0
        let started = Date()
        while elevatorIndex < elevators {
            try queue.inDatabase { db in
                try db.execute(sql: "BEGIN")
                let insertElevator = try db.makeStatement(sql: """
                    INSERT INTO elevator (number, rescueCode, registrationCode, address, building, district, street, nextInspection,
                        userUnitId, maintenanceUnitId, manufacturer, isStopped, isClassified, lastHalfMonthDay, lastQuarterlyDay,
                        lastHalfYearDay, lastYearlyDay, firstCountedDay, dueDay, lastRecordId)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let insertRecord = try db.makeStatement(sql: "INSERT INTO maintenanceRecord (\(recordColumns)) VALUES (\(placeholders))")
                var inTransaction = 0
                while elevatorIndex < elevators, inTransaction < 1_000_000 {
                    let value = elevatorIndex + 1
                    elevatorIndex += 1
                    let number = NNumber(value: value)!
                    let district = District(digit: value / 100_000, name: SupervisionBenchmark.districtNames[value / 100_000])
                    let elevator = registry.elevator(number: number, district: district)
                    var random = SeededGenerator(seed: UInt64(value) &* 2_654_435_761)
                    let roll = Int.random(in: 0..<1000, using: &random)
                    let isStopped = roll < 10
                    let lag = roll < 110 ? Int.random(in: 16...90, using: &random) : Int.random(in: 1...12, using: &random)
                    let count = perElevator + (value <= extra ? 1 : 0)
                    let unit = elevator.maintenanceUnit!
                    let worker = workers[unit]![value % 60]
                    var history = MaintenanceHistory()
                    var lastCountedID: Int64?
                    var lastCountedEnd = Int.min
                    for k in 0..<count {
                        // Newest first: k = 0 is `lag` days ago, then every 14 days back.
                        let day = today.adding(days: -lag - k * 14)
                        let type: MaintenanceType =
                            k == count - 1 ? .yearly : (k % 12 == 6 ? .halfYear : (k % 6 == 3 ? .quarterly : .halfMonth))
                        let start = (day.daysSinceEpoch * 86_400 - ShanghaiTime.offset) + 8 * 3600 + Int.random(in: 0...28_800, using: &random)
                        let end = start + Int.random(in: 35...70, using: &random) * 60
                        let quirk = Int.random(in: 0..<1000, using: &random)
                        var abnormal: AbnormalType?
                        var status = ReviewStatus.passed
                        var upload = end + Int.random(in: 5...90, using: &random) * 60
                        switch quirk {
                        case 0..<15:
                            abnormal = .lateUpload
                            upload = end + Int.random(in: 9...30, using: &random) * 3600
                        case 15..<20: abnormal = .overQuota
                        case 20..<25: status = .reviewing
                        case 25..<27: status = .invalid
                        default: break
                        }
                        recordID += 1
                        let counted = MaintenanceRules.counts(status: status, abnormal: abnormal)
                        if counted {
                            history.record(type, on: ShanghaiTime.day(of: Date(timeIntervalSince1970: TimeInterval(end))))
                            if end > lastCountedEnd { lastCountedEnd = end; lastCountedID = recordID }
                        }
                        var arguments: StatementArguments = [
                            recordID, value, type.rawValue, timestamp(start), timestamp(end), timestamp(upload),
                            (upload + ShanghaiTime.offset) / 86_400, worker.login, worker.name, unit, status.rawValue, abnormal?.rawValue,
                            "genuine", "[]",
                        ]
                        if hasUploadStatus { arguments += [status.rawValue] }
                        insertRecord.setUncheckedArguments(arguments)
                        try insertRecord.execute()
                        inTransaction += 1
                    }
                    insertElevator.setUncheckedArguments([
                        value, elevator.rescueCode, elevator.registrationCode, elevator.address, elevator.building, elevator.district,
                        elevator.street, elevator.nextInspection?.description, unitIDs["u:" + (elevator.userUnit ?? "")],
                        unitIDs["m:" + unit], elevator.manufacturer, isStopped, false,
                        history.lastCounted[.halfMonth]?.daysSinceEpoch, history.lastCounted[.quarterly]?.daysSinceEpoch,
                        history.lastCounted[.halfYear]?.daysSinceEpoch, history.lastCounted[.yearly]?.daysSinceEpoch,
                        history.firstCounted?.daysSinceEpoch, history.dueDay?.daysSinceEpoch, lastCountedID,
                    ])
                    try insertElevator.execute()
                }
                try db.execute(sql: "COMMIT")
            }
            print(String(format: "supervision: %d elevators, %d records written (%.0f s)", elevatorIndex, recordID, Date().timeIntervalSince(started)))
        }

        try queue.inDatabase { db in
            for (name, sql) in indexes {
                let start = Date()
                try db.execute(sql: sql)
                print(String(format: "supervision: index %@ in %.0f s", name, Date().timeIntervalSince(start)))
            }
            try db.execute(sql: "ANALYZE")
            try db.execute(sql: "CREATE TABLE liftbenchBuild (elevators INTEGER, records INTEGER, day INTEGER)")
            try db.execute(sql: "INSERT INTO liftbenchBuild VALUES (?, ?, ?)", arguments: [elevators, records, today.daysSinceEpoch])
        }
        try queue.close()
    }

    /// GRDB's storage text for a date ("yyyy-MM-dd HH:mm:ss.SSS", UTC), from seconds since 1970.
    static func timestamp(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        return "\(date.year)-\(two(date.month))-\(two(date.day)) \(two(inDay / 3600)):\(two(inDay % 3600 / 60)):\(two(inDay % 60)).000"
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
