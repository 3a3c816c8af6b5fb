import Foundation
import LiftCore

/// Maintenance histories for demo elevators: current, overdue or none, ending near `today`.
public struct SyntheticMaintenance: Sendable {
    /// What an elevator's history should look like on `today`.
    public enum Scenario: Sendable {
        /// Half-monthly visits every 12-14 days up to a few days ago, quarterly ones too.
        case current
        /// The last half-monthly visit is `daysOverdue` days past its 15.
        case overdue(daysOverdue: Int)
    }

    public let today: CivilDate

    public init(today: CivilDate) {
        self.today = today
    }

    /// Passed, counted records by `worker` for one elevator.
    public func records(for number: NNumber, worker: Worker, scenario: Scenario, visits: Int = 6) -> [MaintenanceRecord] {
        var random = SeededGenerator(seed: UInt64(number.value) &* 131)
        var last: CivilDate
        switch scenario {
        case .current: last = today.adding(days: -Int.random(in: 1...10, using: &random))
        case .overdue(let days): last = today.adding(days: -(15 + days))
        }
        var records: [MaintenanceRecord] = []
        for visit in 0..<visits {
            let day = last.adding(days: -visit * 14)
            let type: MaintenanceType = visit == visits - 1 ? .quarterly : .halfMonth
            let start = ShanghaiTime.startOfDay(day).addingTimeInterval(TimeInterval(8 * 3600 + Int.random(in: 0...28_800, using: &random)))
            let end = start.addingTimeInterval(TimeInterval(Int.random(in: 35...70, using: &random) * 60))
            let upload = end.addingTimeInterval(TimeInterval(Int.random(in: 1...90, using: &random) * 60))
            records.append(MaintenanceRecord(
                number: number, type: type, startedAt: start, endedAt: end, uploadedAt: upload,
                workerLogin: worker.login, workerName: worker.name, maintenanceUnit: worker.unitName,
                status: .passed, verification: .genuine,
                items: ["轿厢照明", "层门门锁", "制动器", "紧急报警装置"]))
        }
        return records.reversed()
    }
}
