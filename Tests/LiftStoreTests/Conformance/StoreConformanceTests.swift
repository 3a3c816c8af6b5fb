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

        let fresh = try await store.issue(request(.fresh(count: 3)))
        #expect(Set(fresh.labels.map(\.id.number)).isDisjoint(with: [Self.registered, Self.other]), "fresh numbers are unused ones")
        #expect(try await store.batches().count == 3)
        #expect(try await store.batch(id: fresh.summary.id)?.labels == fresh.labels)
        try await store.revoke(fresh.labels[0].id, reason: "damaged", at: Self.now)
        #expect(try await store.revokedSerials(of: fresh.labels[0].id.number) == [1], "revocations of unregistered numbers count too")
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
}
