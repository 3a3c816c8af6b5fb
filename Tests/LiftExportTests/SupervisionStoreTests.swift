import Foundation
import LiftCore
import LiftDemo
import LiftStore
import Testing

/// The store's SQL agrees with the domain rules: an elevator is on the overdue list exactly when
/// `MaintenanceHistory` calls it overdue, and the list is read through an index, in order.
@Suite struct SupervisionStoreTests {
    @Test func theOverdueListIsExactlyTheElevatorsTheRulesCallOverdue() async throws {
        let database = try AppDatabase.inMemory()
        let today = ExportWorld.today
        let district = District(digit: 0, name: "崇川区")
        let elevators = SyntheticRegistry(districts: DistrictDirectory([district]))
            .elevators(count: 300, district: district, firstValue: 1).map { elevator -> Elevator in
                var elevator = elevator
                elevator.isStopped = elevator.number.value % 17 == 0
                return elevator
            }
        _ = try await database.upsert(elevators)
        let worker = Worker(login: "W0101", name: "陈建章", phone: "13912345678", unitName: "南通弘扬电梯安装有限公司")
        try database.saveWorker(worker)
        let maintenance = SyntheticMaintenance(today: today)
        var records: [MaintenanceRecord] = []
        for elevator in elevators {
            let value = elevator.number.value
            guard value % 5 != 0 else { continue }  // no record
            let scenario: SyntheticMaintenance.Scenario = value % 3 == 0 ? .overdue(daysOverdue: value % 20) : .current
            var history = maintenance.records(for: elevator.number, worker: worker, scenario: scenario, visits: 1 + value % 6)
            if value % 7 == 0, var last = history.popLast() {
                // The latest visit was uploaded late: it does not count, which may make the elevator overdue.
                last.uploadedAt = last.endedAt.addingTimeInterval(9 * 3600)
                last.abnormal = .lateUpload
                history.append(last)
            }
            records += history
        }
        _ = try database.insertMaintenanceRecords(records)

        var expected: [NNumber: MaintenanceStatus] = [:]
        for elevator in elevators {
            expected[elevator.number] = try #require(try await database.facts(for: elevator.number)).status(on: today)
        }
        let everything = SupervisedElevatorFilter(scope: SupervisionScope(district: district.name), today: today)
        let all = try await database.supervisedElevators(everything, page: PageRequest(limit: 1000))
        #expect(Dictionary(uniqueKeysWithValues: all.items.map { ($0.number, $0.status) }) == expected)
        #expect(Set(expected.values) == Set(MaintenanceStatus.allCases), "every status occurs")

        var overdueFilter = everything
        overdueFilter.overdueOnly = true
        let overdue = try await database.supervisedElevators(overdueFilter, page: PageRequest(limit: 1000)).items
        #expect(Set(overdue.map(\.number)) == Set(expected.filter { $0.value == .overdue }.keys))
        await #expect(try database.count(overdueFilter) == overdue.count)
        #expect(overdue.map { $0.dueDay! } == overdue.map { $0.dueDay! }.sorted(), "most overdue first")
        #expect(overdue.allSatisfy { $0.daysOverdue == $0.dueDay!.days(until: today) && $0.daysOverdue! > 0 })

        // Pages of the overdue list put together are the list.
        var paged: [NNumber] = []
        var offset: Int? = 0
        while let next = offset {
            let page = try await database.supervisedElevators(overdueFilter, page: PageRequest(limit: 7, offset: next))
            paged += page.items.map(\.number)
            offset = page.nextOffset
        }
        #expect(paged == overdue.map(\.number))

        let plan = try database.overdueQueryPlan(district: district.name, today: today)
        #expect(plan.first?.contains("USING INDEX elevator_on_district_status (district=? AND isStopped=? AND dueDay<?)") == true, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: the index gives the order")
    }
}
