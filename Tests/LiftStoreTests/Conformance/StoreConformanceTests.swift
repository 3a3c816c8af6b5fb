import Foundation
import LiftCore
import Testing

/// The contract of LiftCore's store protocols, written once against the protocols alone and run
/// against every store in ``StoreUnderTest``: what a caller may rely on, whichever engine is
/// behind it.
@Suite struct StoreConformanceTests {
    static let unit = "南通弘扬电梯安装有限公司"
    static let district = District(digit: 0, name: "崇川区")
    static let registered = NNumber(value: 614)!
    static let other = NNumber(value: 615)!
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Two registered elevators of one maintenance unit (with a webhook) and a worker of it, loaded
    /// through the protocols' imports.
    static func seeded(_ kind: StoreUnderTest) async throws -> (store: any LiftcodeStores, remove: @Sendable () -> Void) {
        let (store, remove) = try await kind.make()
        let count = try await store.upsert([
            Elevator(number: registered, rescueCode: "005248", address: "紫东花苑沿街", district: district.name, street: "文峰街道",
                userUnit: "江苏坤园物业管理有限公司", maintenanceUnit: unit),
            Elevator(number: other, address: "紫东花苑2号", district: district.name, street: "文峰街道", maintenanceUnit: unit),
        ])
        #expect(count.inserted == 2)
        let webhook = try WebhookEndpoint(validating: "https://hongyang.example/hook")
        _ = try await store.importUnits { add in
            _ = try add(UnitUpdate(name: unit, kind: .maintenance, phone: .set("0513-85123456"), webhook: .set(webhook)))
        }
        _ = try await store.importWorkers { add in try add(Worker(login: "W0101", name: "陈建章", phone: "13912345678", unitName: unit)) }
        return (store, remove)
    }

    @Test(arguments: StoreUnderTest.allCases)
    func theRegistryAnswersWhatWasImported(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await Self.seeded(kind)
        defer { remove() }
        let facts = try #require(try await store.facts(for: Self.registered))
        #expect(facts.elevator.maintenanceUnit == Self.unit && facts.maintenanceUnitPhone == "0513-85123456")
        #expect(try await store.facts(for: NNumber(value: 1)!) == nil)
        #expect(try await store.workers(ofUnit: Self.unit).map(\.login) == ["W0101"])
        #expect(try await store.elevators(ElevatorFilter(maintenanceUnit: Self.unit)).map(\.elevator.number) == [Self.registered, Self.other])
        // An import whose producer fails writes nothing.
        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            _ = try await store.upsertElevators { upsert in
                try upsert(Elevator(number: NNumber(value: 9)!, address: "x", district: Self.district.name))
                throw Stop()
            }
        }
        #expect(try await store.facts(for: NNumber(value: 9)!) == nil)
        let listings = try await store.unitListings(kind: .maintenance)
        #expect(listings.first { $0.name == Self.unit }?.hasWebhookSecret == true, "a unit given a webhook gets a secret")
    }

    @Test(arguments: StoreUnderTest.allCases)
    func operatorsFindAUnitAWorkerAndTheStreetsOfADistrict(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await Self.seeded(kind)
        defer { remove() }
        #expect(try await store.unit(named: Self.unit, kind: .maintenance)?.phone == "0513-85123456")
        #expect(try await store.unit(named: Self.unit, kind: .user) == nil, "a unit is found by its kind and name")
        #expect(try await store.unit(named: "江苏坤园物业管理有限公司", kind: .user)?.name == "江苏坤园物业管理有限公司")
        let worker = try #require(try await store.worker(login: "W0101"))
        #expect(worker.name == "陈建章" && worker.phone == "13912345678" && worker.unitName == Self.unit)
        #expect(try await store.worker(login: "W9999") == nil)
        // A worker saved again through the import is updated, not added.
        _ = try await store.importWorkers { add in try add(Worker(login: "W0101", name: "陈建章", phone: "13800000000", unitName: Self.unit)) }
        #expect(try await store.worker(login: "W0101")?.phone == "13800000000")
        #expect(try await store.workers(ofUnit: Self.unit).count == 1)
        #expect(try await store.streets(inDistrict: Self.district.name) == ["文峰街道"])
        #expect(try await store.streets(inDistrict: "通州区").isEmpty)
    }

    @Test(arguments: StoreUnderTest.allCases)
    func theLedgerIssuesEachLabelOnceAndItsRevocationsReachTheRegistry(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await Self.seeded(kind)
        defer { remove() }
        func request(_ selection: BatchSelection) -> BatchRequest {
            BatchRequest(district: Self.district, selection: selection, keyID: "K1", baseURL: "HTTP://LIFTCODE.TEST", layout: "a4", createdAt: Self.now)
        }
        let first = try await store.issue(request(.numbers([Self.registered], replace: false)))
        #expect(first.labels.map(\.id) == [LabelID(number: Self.registered, serial: 1)])
        await #expect(throws: LedgerError.self) { _ = try await store.issue(request(.numbers([Self.registered], replace: false))) }
        let replaced = try await store.issue(request(.numbers([Self.registered], replace: true)))
        #expect(replaced.labels.map(\.id.serial) == [2])
        #expect(try await store.label(LabelID(number: Self.registered, serial: 1))?.status == .revoked)
        #expect(try await store.revokedSerials(of: Self.registered) == [1])
        #expect(try await store.facts(for: Self.registered)?.revokedSerials == [1])
        #expect(try await store.standing(of: Self.registered) == NumberStanding(isRegistered: true, revokedSerials: [1]))
        #expect(try await store.standing(of: Self.other) == NumberStanding(isRegistered: true, revokedSerials: []))

        let fresh = try await store.issue(request(.fresh(count: 3)))
        #expect(Set(fresh.labels.map(\.id.number)).isDisjoint(with: [Self.registered, Self.other]), "fresh numbers are unused ones")
        #expect(try await store.batches().count == 3)
        #expect(try await store.batch(id: fresh.summary.id)?.labels == fresh.labels)
        try await store.revoke(fresh.labels[0].id, reason: "damaged", at: Self.now)
        #expect(try await store.revokedSerials(of: fresh.labels[0].id.number) == [1], "revocations of unregistered numbers count too")
        #expect(
            try await store.standing(of: fresh.labels[0].id.number) == NumberStanding(isRegistered: false, revokedSerials: [1]),
            "a complaint's light read says the same as the facts and the ledger")
        #expect(try await store.standing(of: NNumber(value: 999_999)!) == NumberStanding(isRegistered: false, revokedSerials: []))
        await #expect(throws: LedgerError.self) { try await store.revoke(fresh.labels[0].id, reason: "again", at: Self.now) }
        #expect(try await store.rescueCodes(for: [Self.registered, Self.other]) == [Self.registered: "005248"])
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aComplaintIsRoutedFollowedAndDeliveredOnce(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await Self.seeded(kind)
        defer { remove() }
        let draft = try ComplaintDraft(category: .complaint, problem: .doorWontClose, text: "门关不上").validated()
        let filed = try await store.file(
            ComplaintFiling(draft: draft, number: Self.registered, label: nil, verification: .unverified, receivedAt: Self.now))
        #expect(filed.routedTo == Self.unit)
        #expect(try await store.complaint(ticket: filed.ticket)?.publicID == filed.publicID)
        #expect(try await store.complaint(publicID: filed.publicID)?.ticket == filed.ticket)
        await #expect(throws: ComplaintStoreError.unknownElevator(NNumber(value: 1)!)) {
            _ = try await store.file(ComplaintFiling(draft: draft, number: NNumber(value: 1)!, label: nil, verification: .unverified, receivedAt: Self.now))
        }
        await #expect(throws: ComplaintStoreError.self) { _ = try await store.recordFeedback(ticket: filed.ticket, satisfied: true, at: Self.now) }
        _ = try await store.acknowledge(ticket: filed.ticket, by: "maintainer", at: Self.now)
        let resolved = try await store.resolve(ticket: filed.ticket, resolution: "已修复", by: "maintainer", at: Self.now)
        #expect(resolved.state == .resolved)
        #expect(try await store.complaints(ComplaintFilter(routedTo: Self.unit, openOnly: true)).isEmpty)
        #expect(try await store.complaints(ComplaintFilter(routedTo: Self.unit)).map(\.ticket) == [filed.ticket])

        // The unit's webhook gets it: due once, not again once delivered.
        let due = try await store.dueDeliveries(at: Self.now.addingTimeInterval(3600), limit: 10)
        #expect(due.contains { $0.complaintID == filed.publicID && $0.url == "https://hongyang.example/hook" && $0.secret != nil })
        for delivery in due { try await store.markDelivered(delivery.id, at: Self.now) }
        #expect(try await store.dueDeliveries(at: Self.now.addingTimeInterval(7200), limit: 10).isEmpty)
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aComplaintKeepsItsEventsAndATrappedReportOpensOneRescue(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await Self.seeded(kind)
        defer { remove() }
        let noise = try ComplaintDraft(category: .complaint, problem: .noise, text: "异响").validated()
        let filed = try await store.file(
            ComplaintFiling(draft: noise, number: Self.registered, label: nil, verification: .unverified, receivedAt: Self.now))
        let read = try #require(try await store.complaint(ticket: filed.ticket))
        #expect(read.events.map(\.state) == [.received, .routed])
        #expect(read.events.last?.note == filed.events.last?.note)
        #expect(read.routedTo == Self.unit && read.rescueID == nil)

        let trapped = try ComplaintDraft(category: .complaint, problem: .trapped, text: "2人被困").validated()
        let first = try await store.file(
            ComplaintFiling(draft: trapped, number: Self.registered, label: nil, verification: .unverified, receivedAt: Self.now))
        let second = try await store.file(
            ComplaintFiling(draft: trapped, number: Self.registered, label: nil, verification: .unverified, receivedAt: Self.now.addingTimeInterval(60)))
        let rescue = try #require(first.rescueID, "a trapped report opens a rescue order")
        #expect(second.rescueID == rescue, "a second report of the same car joins the open order")
        #expect(try await store.complaint(ticket: first.ticket)?.rescueID == rescue)
        #expect(try await store.complaint(ticket: first.ticket)?.events.map(\.state) == [.received, .routed])

        // Each complaint is posted to the unit's webhook once.
        let due = try await store.dueDeliveries(at: Self.now.addingTimeInterval(3600), limit: 50)
        for complaint in [filed, first, second] {
            #expect(due.filter { $0.complaintID == complaint.publicID }.count == 1, "\(complaint.publicID) posted once")
        }
    }

    @Test(arguments: StoreUnderTest.allCases)
    func accountsSessionsAndSignInFailures(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { remove() }
        let added = try await store.addAccount(
            Account(id: 0, role: .maintainer, unit: Self.unit, login: "hongyang", createdAt: Self.now), tokenHash: "hash-1", passwordHash: "bcrypt")
        #expect(try await store.account(tokenHash: "hash-1")?.id == added.id)
        #expect(try await store.account(login: "hongyang")?.passwordHash == "bcrypt")
        await #expect(throws: AccountStoreError.self) {
            _ = try await store.addAccount(Account(id: 0, role: .regulator, login: "hongyang", createdAt: Self.now), tokenHash: "hash-2")
        }
        try await store.revokeAccount(id: added.id, at: Self.now)
        #expect(try await store.account(tokenHash: "hash-1") == nil, "a revoked token opens nothing")
        await #expect(throws: AccountStoreError.self) { try await store.revokeAccount(id: added.id, at: Self.now) }
        #expect(try await store.accounts().map(\.id) == [added.id], "revoked accounts stay listed")

        try await store.recordSignInFailure(login: "x", address: "10.0.0.1", at: Self.now)
        try await store.recordSignInFailure(login: "x", address: "10.0.0.1", at: Self.now.addingTimeInterval(1))
        #expect(try await store.signInFailures(login: "x", since: Self.now).count == 2)
        #expect(try await store.signInFailureCount(address: "10.0.0.1", since: Self.now.addingTimeInterval(1)) == 1)
        try await store.clearSignInFailures(login: "x")
        #expect(try await store.signInFailures(login: "x", since: .distantPast).isEmpty)

        let value = Data("session".utf8)
        #expect(try await store.storeSession(key: "s1", value: value, expiresAt: Self.now.addingTimeInterval(60), replace: false, now: Self.now))
        #expect(try await store.storeSession(key: "s1", value: Data(), expiresAt: nil, replace: false, now: Self.now) == false)
        #expect(try await store.session(key: "s1", now: Self.now)?.value == value)
        #expect(try await store.session(key: "s1", now: Self.now.addingTimeInterval(61)) == nil, "an expired session is gone")
        try await store.removeSession(key: "s1")
        #expect(try await store.session(key: "s1", now: Self.now) == nil)
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aRetriedUploadIsAnsweredOnceAndSupervisionCountsWhatItLists(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await Self.seeded(kind)
        defer { remove() }
        let start = Self.now
        let record = MaintenanceRecord(
            clientID: "phone-1", number: Self.registered, type: .halfMonth, startedAt: start, endedAt: start.addingTimeInterval(45 * 60),
            uploadedAt: start.addingTimeInterval(50 * 60), workerLogin: "W0101", workerName: "陈建章", maintenanceUnit: Self.unit, status: .passed)
        let first = try await store.upload(record)
        let again = try await store.upload(record)
        #expect(!first.isRetry && again.isRetry)
        #expect(again.entry.record.id == first.entry.record.id)
        #expect(try await store.maintenanceEntries(MaintenanceFilter()).count == 1)

        let today = ShanghaiTime.day(of: start)
        let filter = SupervisedElevatorFilter(scope: SupervisionScope(district: Self.district.name), today: today)
        let page = try await store.supervisedElevators(filter, page: PageRequest(limit: 10))
        #expect(try await store.count(filter) == page.items.count)
        var streamed: [NNumber] = []
        try await store.forEachSupervisedElevator(filter, limit: nil) { streamed.append($0.number) }
        #expect(streamed == page.items.map(\.number))
        let summary = try await store.dailySummary(SupervisionScope(district: Self.district.name), day: today, now: start)
        #expect(summary.map(\.district) == [Self.district.name])
    }

    /// A history for the bulk-load test: counted records of two types, one late (not counted), one
    /// under review, and one on fractional seconds.
    static func history(of number: NNumber) -> [MaintenanceRecord] {
        func record(_ type: MaintenanceType, daysAgo: Double, status: ReviewStatus = .passed, abnormal: AbnormalType? = nil) -> MaintenanceRecord {
            let start = now.addingTimeInterval(-daysAgo * 86_400)
            return MaintenanceRecord(
                number: number, type: type, startedAt: start, endedAt: start.addingTimeInterval(45 * 60),
                uploadedAt: start.addingTimeInterval(50 * 60), workerLogin: "W0101", workerName: "陈建章", maintenanceUnit: unit,
                status: status, abnormal: abnormal, items: type == .quarterly ? ["曳引机"] : [])
        }
        return [
            record(.quarterly, daysAgo: 40), record(.halfMonth, daysAgo: 20), record(.yearly, daysAgo: 10, abnormal: .lateUpload),
            record(.halfMonth, daysAgo: 5, status: .reviewing), record(.halfMonth, daysAgo: 3.000_123),
        ]
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aBulkLoadLeavesWhatUploadsOneByOneWouldHaveLeft(_ kind: StoreUnderTest) async throws {
        // The same units, workers, elevators and records: bulk-loaded in one store, imported in another.
        var stores: [(store: any LiftcodeStores, remove: @Sendable () -> Void)] = []
        defer { for store in stores { store.remove() } }
        for _ in 0..<2 {
            let (store, remove) = try await kind.make()
            stores.append((store, remove))
            _ = try await store.importUnits { add in
                _ = try add(UnitUpdate(name: Self.unit, kind: .maintenance, phone: .set("0513-85123456"), createIfMissing: true))
            }
            _ = try await store.importWorkers { add in try add(Worker(login: "W0101", name: "陈建章", phone: "13912345678", unitName: Self.unit)) }
        }
        let (bulk, imported) = (stores[0].store, stores[1].store)
        let elevators = [
            Elevator(number: Self.registered, rescueCode: "005248", address: "紫东花苑沿街", district: Self.district.name, street: "文峰街道",
                userUnit: "江苏坤园物业管理有限公司", maintenanceUnit: Self.unit),
            Elevator(number: Self.other, address: "紫东花苑2号", district: Self.district.name, maintenanceUnit: Self.unit, isStopped: true),
        ]
        let summary = try await bulk.bulkLoad { add in
            try add(BulkElevator(elevators[0], records: Self.history(of: Self.registered)))
            try add(BulkElevator(elevators[1], records: []))
        }
        #expect(summary == BulkLoadSummary(elevators: 2, records: 5, counted: 3))
        _ = try await imported.upsert(elevators)
        _ = try await imported.importMaintenance { add in for record in Self.history(of: Self.registered) { try add(record) } }

        for number in [Self.registered, Self.other] {
            let loaded = try #require(try await bulk.facts(for: number))
            #expect(loaded == (try await imported.facts(for: number)))
        }
        let loaded = try #require(try await bulk.facts(for: Self.registered))
        #expect(loaded.history.lastCounted.keys.sorted { $0.rawValue < $1.rawValue } == [.halfMonth, .quarterly])
        #expect(loaded.lastMaintenance?.workerPhone == "13912345678")
        let filter = MaintenanceFilter(number: Self.registered)
        #expect(try await bulk.maintenanceEntries(filter) == (try await imported.maintenanceEntries(filter)))
        let today = ShanghaiTime.day(of: Self.now)
        let supervised = SupervisedElevatorFilter(scope: SupervisionScope(district: Self.district.name), today: today)
        #expect(try await bulk.supervisedElevators(supervised, page: PageRequest(limit: 10)).items
            == (try await imported.supervisedElevators(supervised, page: PageRequest(limit: 10)).items))
        let records = SupervisedRecordFilter(scope: SupervisionScope(district: Self.district.name), from: today.adding(days: -30), to: today)
        #expect(try await bulk.count(records) == 4, "the records that ended in the last 30 days, compared by their stored times")
        #expect(try await bulk.count(records) == (try await imported.count(records)))
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aBulkLoadAddsOnlyNewElevatorsWithTheirOwnRecords(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await Self.seeded(kind)
        defer { remove() }
        let fresh = NNumber(value: 616)!
        func elevator(_ number: NNumber) -> Elevator { Elevator(number: number, address: "紫东花苑3号", district: Self.district.name, maintenanceUnit: Self.unit) }
        await #expect(throws: BulkLoadError.alreadyRegistered(Self.registered)) {
            _ = try await store.bulkLoad { add in
                try add(BulkElevator(elevator(fresh), records: Self.history(of: fresh)))
                try add(BulkElevator(elevator(Self.registered), records: []))
            }
        }
        #expect(try await store.facts(for: fresh) == nil, "the transaction under way is rolled back")
        await #expect(throws: BulkLoadError.recordOfAnotherElevator(elevator: fresh, record: Self.other)) {
            _ = try await store.bulkLoad { add in try add(BulkElevator(elevator(fresh), records: Self.history(of: Self.other))) }
        }
        #expect(try await store.facts(for: fresh) == nil)
        #expect(try await store.maintenanceEntries(MaintenanceFilter()).isEmpty)
        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            _ = try await store.bulkLoad { add in
                try add(BulkElevator(elevator(fresh), records: Self.history(of: fresh)))
                throw Stop()
            }
        }
        #expect(try await store.facts(for: fresh) == nil)
        let summary = try await store.bulkLoad { add in try add(BulkElevator(elevator(fresh), records: Self.history(of: fresh))) }
        #expect(summary == BulkLoadSummary(elevators: 1, records: 5, counted: 3))
        #expect(try await store.facts(for: fresh)?.history.firstCounted == ShanghaiTime.day(of: Self.now.addingTimeInterval(-40 * 86_400)))
    }
}
