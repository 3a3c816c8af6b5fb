import Foundation
import LiftCore
import LiftDemo
import LiftStore

/// Builds the supervision benchmark's database in bulk, through the store.
enum SupervisionBenchData {
    /// Builds the database unless one of the same size exists; returns the day it was built for.
    static func prepare(path: String, elevators: Int, records: Int, rebuild: Bool) async throws -> CivilDate {
        let marker = BuildMarker(path: path)
        if !rebuild, FileManager.default.fileExists(atPath: path), let day = marker.day(elevators: elevators, records: records) {
            print("supervision: reusing \(path), built for \(day)")
            // Migrations added since the build may have made indexes the planner has no statistics for.
            let database = try AppDatabase.open(path: path)
            for (table, seconds) in try await database.analyzeTablesWithUnanalyzedIndexes() {
                print(String(format: "supervision: analyzed %@ for new indexes in %.0f s", table, seconds))
            }
            return day
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        marker.remove()
        let today = ShanghaiTime.day(of: Date())
        let started = Date()
        try await build(path: path, elevators: elevators, records: records, today: today)
        try marker.write(elevators: elevators, records: records, day: today)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "supervision: built %@ (%.1f GB) in %.0f s", path, Double(size) / 1e9, Date().timeIntervalSince(started)))
        return today
    }

    static func build(path: String, elevators: Int, records: Int, today: CivilDate) async throws {
        let database = try AppDatabase.openForThrowawayBuild(path: path)
        let maintenanceUnits = SyntheticRegistry(districts: DistrictDirectory([])).maintenanceUnitNames
        let userUnits = ["南通紫东物业管理有限公司", "南通星光物业服务有限公司", "江苏中南物业服务有限公司", "南通濠河物业管理有限公司", "南通新城物业有限公司", "南通万科物业服务有限公司"]
        var workers: [String: [Worker]] = [:]
        for (index, name) in maintenanceUnits.enumerated() { workers[name] = SyntheticRegistry.workers(of: name, unitIndex: index, perUnit: 60) }
        _ = try await database.importUnits { add in
            for (index, name) in maintenanceUnits.enumerated() {
                _ = try add(UnitUpdate(name: name, kind: .maintenance, phone: .set(SyntheticRegistry.unitPhone(seed: UInt64(index))), createIfMissing: true))
            }
            for name in userUnits { _ = try add(UnitUpdate(name: name, kind: .user, createIfMissing: true)) }
        }
        _ = try await database.importWorkers { add in
            for name in maintenanceUnits { for worker in workers[name]! { try add(worker) } }
        }

        let history = SupervisionHistory(elevators: elevators, records: records, today: today, workers: workers)
        let started = Date()
        var written = 0
        var reported = 0
        let summary = try await database.bulkLoad { add in
            for value in 1...elevators {
                let entry = history.elevator(value)
                try add(entry)
                written += entry.records.count
                if written - reported >= 1_000_000 || value == elevators {
                    reported = written
                    print(String(format: "supervision: %d elevators, %d records written (%.0f s)", value, written, Date().timeIntervalSince(started)))
                }
            }
        }
        print(String(format: "supervision: %d elevators with %d records (%d counted) loaded in %.0f s",
            summary.elevators, summary.records, summary.counted, Date().timeIntervalSince(started)))
    }
}
