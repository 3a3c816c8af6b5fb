import Foundation
import LiftCore
import LiftDemo
import LiftImport
import LiftStore

/// Fills a fresh database with the sample registry and deterministic synthetic data: the elevators
/// with their maintenance through the store's bulk load, so that some elevators are current, some
/// overdue, some stopped, and one is classified; units with phones, workers and insurance (a few
/// expired) through the operators' importers.
struct DemoSeeder {
    let database: any BulkLoadStore & UnitStore
    let districts: DistrictDirectory
    let today: CivilDate
    /// Where the units, workers and insurance files the demo imports are written.
    let files: URL

    /// What the seeder made, for the demo's summary.
    struct Summary {
        var elevators = 0
        var current: [NNumber] = []
        var overdue: [NNumber] = []
        var stopped: [NNumber] = []
        var classified: [NNumber] = []
        var noRecord: [NNumber] = []
        var expiredInsurance: [NNumber] = []
        /// The sample registry's elevators, which the demo prints labels for.
        var sample: [Elevator] = []
        /// Workers made for each maintenance unit.
        var workersByUnit: [String: [Worker]] = [:]
        /// What each operator import loaded, from which file.
        var imports: [String] = []
    }

    func seed(sample: URL, syntheticElevators: Int, progress: ProgressBar?) async throws -> Summary {
        var summary = Summary()
        var sampleElevators: [Elevator] = []
        try ElevatorImporter(districts: districts).read(sample) { sampleElevators.append($0) }
        // Scenarios by position in the sample, so the demo always shows each status.
        for (index, elevator) in sampleElevators.enumerated() {
            var elevator = elevator
            if index == 3 || index == 11 {
                elevator.isStopped = true
                summary.stopped.append(elevator.number)
            }
            if index == 7 {
                elevator.isClassified = true
                summary.classified.append(elevator.number)
            }
            sampleElevators[index] = elevator
        }

        // Units, workers and insurance go through the operators' importers, from files written
        // beside the database (the same files an operator would load).
        let registry = SyntheticRegistry(districts: districts)
        var unitNames = Set(sampleElevators.compactMap(\.maintenanceUnit))
        if syntheticElevators > 0 { unitNames.formUnion(registry.maintenanceUnitNames) }
        var workersByUnit: [String: [Worker]] = [:]
        var unitRows: [[String]] = []
        for (index, unit) in unitNames.sorted().enumerated() {
            unitRows.append([unit, "维保单位", SyntheticRegistry.unitPhone(seed: UInt64(index + 1))])
            workersByUnit[unit] = SyntheticRegistry.workers(of: unit, unitIndex: index)
        }
        for (index, unit) in Set(sampleElevators.compactMap(\.userUnit)).sorted().enumerated() {
            unitRows.append([unit, "使用单位", SyntheticRegistry.unitPhone(seed: UInt64(1000 + index))])
        }
        let workerRows = workersByUnit.keys.sorted().flatMap { unit in
            workersByUnit[unit, default: []].map { [$0.login, $0.name, $0.phone ?? "", $0.unitName] }
        }
        var insuranceRows: [[String]] = []
        for (index, elevator) in sampleElevators.enumerated() {
            let expired = index % 6 == 5
            let policy = SyntheticRegistry.insurance(for: elevator.number, today: today, expired: expired)
            insuranceRows.append([
                elevator.number.description, policy.insurer, policy.policyNumber, policy.coverage, policy.validFrom.description,
                policy.validTo.description, policy.claimsPhone ?? "",
            ])
            if expired { summary.expiredInsurance.append(elevator.number) }
        }
        // The sample elevators with their maintenance, in one bulk load.
        let maintenance = SyntheticMaintenance(today: today)
        _ = try await database.bulkLoad { add in
            for (index, elevator) in sampleElevators.enumerated() {
                var records: [MaintenanceRecord] = []
                if let unit = elevator.maintenanceUnit, let workers = workersByUnit[unit] {
                    if index == 20 {
                        summary.noRecord.append(elevator.number)
                    } else {
                        let overdue = index % 4 == 1
                        records = maintenance.records(
                            for: elevator.number, worker: workers[index % workers.count], scenario: overdue ? .overdue(daysOverdue: 3 + index) : .current)
                        if !elevator.isStopped {
                            if overdue { summary.overdue.append(elevator.number) } else { summary.current.append(elevator.number) }
                        }
                    }
                }
                try add(BulkElevator(elevator, records: records))
            }
        }

        let importer = OperatorImporter(store: database)
        for (kind, header, rows) in [
            (OperatorImportKind.units, ["单位名称", "单位类型", "联系电话"], unitRows),
            (.workers, ["登录账号", "姓名", "手机号", "维保单位"], workerRows),
            (.insurance, ["电梯编号", "保险公司", "保单号", "险种", "保险起期", "保险止期", "理赔电话"], insuranceRows),
        ] {
            let file = files.appendingPathComponent("\(kind.rawValue).csv")
            try TableCSVWriter.write(header: header, rows: rows, to: file)
            let result = try await importer.run(kind, file: file)
            summary.imports.append("\(result.summary) from \(file.relativePath)")
        }

        summary.elevators = sampleElevators.count
        summary.sample = sampleElevators
        summary.workersByUnit = workersByUnit

        if syntheticElevators > 0 {
            let taken = Set(sampleElevators.map(\.number))
            summary.elevators += try await seedSynthetic(
                count: syntheticElevators, skipping: taken, registry: registry, workersByUnit: workersByUnit, progress: progress)
        }
        return summary
    }

    /// Adds `count` synthetic elevators spread over the districts, each with a recent history.
    private func seedSynthetic(
        count: Int, skipping taken: Set<NNumber>, registry: SyntheticRegistry, workersByUnit: [String: [Worker]], progress: ProgressBar?
    ) async throws -> Int {
        let perDistrict = (count + districts.districts.count - 1) / districts.districts.count
        var made = 0
        let maintenance = SyntheticMaintenance(today: today)
        for district in districts.districts where made < count {
            let take = min(perDistrict, count - made)
            let elevators = Array(district.numberRange.lazy.compactMap(NNumber.init(value:)).filter { !taken.contains($0) }
                .prefix(take).map { registry.elevator(number: $0, district: district) })
            _ = try await database.bulkLoad { add in
                for (index, elevator) in elevators.enumerated() {
                    guard let unit = elevator.maintenanceUnit, let worker = workersByUnit[unit]?[index % 3] else {
                        try add(BulkElevator(elevator, records: []))
                        continue
                    }
                    let scenario: SyntheticMaintenance.Scenario = index % 10 == 0 ? .overdue(daysOverdue: index % 30) : .current
                    try add(BulkElevator(elevator, records: maintenance.records(for: elevator.number, worker: worker, scenario: scenario, visits: 1)))
                }
            }
            made += elevators.count
            progress?.update(made, count)
        }
        return made
    }
}
