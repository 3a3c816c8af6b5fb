import Foundation
import LiftCore
import LiftDemo

/// The benchmark's synthetic elevators with their histories, the same for a size and a day: about
/// 1% stopped, 10% overdue, and some records late, over quota, under review or invalid.
struct SupervisionHistory {
    let elevators: Int
    let records: Int
    let today: CivilDate
    let workers: [String: [Worker]]
    let registry = SyntheticRegistry(districts: DistrictDirectory([]))

    /// Elevator `value` (N-number) and its records, newest first.
    func elevator(_ value: Int) -> BulkElevator {
        let perElevator = records / elevators
        let extra = records - perElevator * elevators
        let number = NNumber(value: value)!
        let district = District(digit: value / 100_000, name: SupervisionBenchmark.districtNames[value / 100_000])
        var elevator = registry.elevator(number: number, district: district)
        var random = SeededGenerator(seed: UInt64(value) &* 2_654_435_761)
        let roll = Int.random(in: 0..<1000, using: &random)
        elevator.isStopped = roll < 10
        elevator.isClassified = false
        let lag = roll < 110 ? Int.random(in: 16...90, using: &random) : Int.random(in: 1...12, using: &random)
        let count = perElevator + (value <= extra ? 1 : 0)
        let unit = elevator.maintenanceUnit!
        let worker = workers[unit]![value % 60]
        var made: [MaintenanceRecord] = []
        made.reserveCapacity(count)
        for k in 0..<count {
            // Newest first: k = 0 is `lag` days ago, then every 14 days back.
            let day = today.adding(days: -lag - k * 14)
            let type: MaintenanceType = k == count - 1 ? .yearly : (k % 12 == 6 ? .halfYear : (k % 6 == 3 ? .quarterly : .halfMonth))
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
            made.append(MaintenanceRecord(
                number: number, type: type, startedAt: Date(timeIntervalSince1970: TimeInterval(start)),
                endedAt: Date(timeIntervalSince1970: TimeInterval(end)), uploadedAt: Date(timeIntervalSince1970: TimeInterval(upload)),
                workerLogin: worker.login, workerName: worker.name, maintenanceUnit: unit, status: status, abnormal: abnormal))
        }
        return BulkElevator(elevator, records: made)
    }
}
