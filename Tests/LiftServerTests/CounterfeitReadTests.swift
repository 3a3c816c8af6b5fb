import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftServer
import LiftStore
import Logging
import Synchronization
import Testing

/// A counterfeit code is answered from its signature alone: the registry is not read (issue 15),
/// through the lookup and through the public route; a complaint reads only its number's standing.
@Suite struct CounterfeitReadTests {
    /// The world's real database, counting the registry reads that go through it.
    final class CountingRegistry: RegistryStore {
        let database: AppDatabase
        let reads = Atomic<Int>(0)

        init(_ database: AppDatabase) { self.database = database }

        func facts(for number: NNumber) async throws -> ElevatorFacts? {
            reads.add(1, ordering: .relaxed)
            return try await database.facts(for: number)
        }

        func revokedSerials(of number: NNumber) async throws -> [Int] {
            reads.add(1, ordering: .relaxed)
            return try await database.revokedSerials(of: number)
        }

        /// The light reads, counted apart.
        let standingReads = Atomic<Int>(0)

        func standing(of number: NNumber) async throws -> NumberStanding {
            standingReads.add(1, ordering: .relaxed)
            return try await database.standing(of: number)
        }

        func workers(ofUnit unit: String) async throws -> [Worker] {
            reads.add(1, ordering: .relaxed)
            return try await database.workers(ofUnit: unit)
        }

        func elevators(_ filter: ElevatorFilter) async throws -> [ElevatorFacts] {
            reads.add(1, ordering: .relaxed)
            return try await database.elevators(filter)
        }

        func streets(inDistrict district: String) async throws -> Set<String> {
            reads.add(1, ordering: .relaxed)
            return try await database.streets(inDistrict: district)
        }

        func importElevators(
            setting fields: Set<ElevatorField>, dryRun: Bool, _ produce: (_ upsert: (Elevator) throws -> Void) throws -> Void
        ) async throws -> RegistryImportReport {
            try await database.importElevators(setting: fields, dryRun: dryRun, produce)
        }
    }

    /// The world's real ledger, counting the label reads that go through it.
    final class CountingLedger: LabelLedger {
        let database: AppDatabase
        let reads = Atomic<Int>(0)

        init(_ database: AppDatabase) { self.database = database }

        func label(_ id: LabelID) async throws -> LedgerLabel? {
            reads.add(1, ordering: .relaxed)
            return try await database.label(id)
        }

        func issue(_ request: BatchRequest) async throws -> IssuedBatch { try await database.issue(request) }
        func batch(id: String) async throws -> IssuedBatch? { try await database.batch(id: id) }
        func batches() async throws -> [BatchSummary] { try await database.batches() }
        func revoke(_ label: LabelID, reason: String, at date: Date) async throws { try await database.revoke(label, reason: reason, at: date) }
        func rescueCodes(for numbers: [NNumber]) async throws -> [NNumber: String] { try await database.rescueCodes(for: numbers) }
    }

    @Test func verifyingAgainstTheLedgerChecksTheSignatureFirst() async throws {
        let world = try await TestWorld()
        let ledger = CountingLedger(world.database)
        let verifier = LabelVerifier(signatures: world.keyRing)
        let forged = try await verifier.verify(TestWorld.base + "/E/" + world.counterfeitPath(), ledger: ledger)
        #expect(forged.outcome == .counterfeit)
        #expect(try await verifier.verify("not a code", ledger: ledger).outcome == .malformed)
        #expect(try await verifier.verify("N006109", ledger: ledger).outcome == .unverified)
        #expect(ledger.reads.load(ordering: .relaxed) == 0, "no ledger read for a counterfeit, a malformed code or a typed number")
        #expect(try await verifier.verify(try world.code(world.current), ledger: ledger).outcome == .genuine)
        #expect(try await verifier.verify(try world.code(NNumber(value: 6109)!), ledger: ledger).outcome == .revoked, "N006109's first label was replaced")
        #expect(ledger.reads.load(ordering: .relaxed) == 2, "one read for each label whose signature holds")
    }

    @Test func aCounterfeitCostsNoRegistryRead() async throws {
        let world = try await TestWorld()
        let registry = CountingRegistry(world.database)
        let lookup = ElevatorLookup(registry: registry, verifier: LabelVerifier(signatures: world.keyRing))
        let forged = try LabelCode.parse(TestWorld.base + "/E/" + world.counterfeitPath())
        let result = try await lookup.lookup(forged, today: TestWorld.today)
        #expect(result.outcome == .counterfeit)
        #expect(result.elevator == nil)
        #expect(registry.reads.load(ordering: .relaxed) == 0, "no read for a counterfeit")
        let genuine = try await lookup.lookup(try LabelCode.parse(world.code(world.current)), today: TestWorld.today)
        #expect(genuine.outcome == .genuine)
        #expect(registry.reads.load(ordering: .relaxed) == 1, "one read for a genuine label")
    }

    @Test func theRouteAnswersACounterfeitWithoutReading() async throws {
        let world = try await TestWorld()
        let registry = CountingRegistry(world.database)
        var dependencies = world.dependencies()
        dependencies.registry = registry
        let app = buildApplication(world.configuration(), dependencies: dependencies, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for headers: HTTPFields in [[:], .json] {
                try await client.execute(uri: "/E/" + world.counterfeitPath(), method: .get, headers: headers) { response in
                    #expect(response.status == .forbidden)
                }
            }
            #expect(registry.reads.load(ordering: .relaxed) == 0)
            try await client.execute(uri: "/E/" + world.path(world.current), method: .get) { response in
                #expect(response.status == .ok)
            }
            #expect(registry.reads.load(ordering: .relaxed) == 1)
        }
    }

    /// A complaint's subject gets the page's verdict for every kind of input, from one light read
    /// (none for an unreadable one; one for a counterfeit too, so that a forged code of an
    /// unregistered number is refused before any limit) instead of the page's facts.
    @Test func aComplaintReadsOnlyItsNumbersStandingAndGetsThePagesVerdict() async throws {
        let world = try await TestWorld()
        let registry = CountingRegistry(world.database)
        let lookup = ElevatorLookup(registry: registry, verifier: LabelVerifier(signatures: world.keyRing))
        let inputs = [
            try world.code(world.current), try world.code(world.overdue), try world.code(world.overdue, serial: 2),
            try world.code(world.unregistered), try world.sample.counterfeitCode(), "N000614", "000001", "N00061", "not a code",
        ]
        for input in inputs {
            let page = try await lookup.lookup(input, today: TestWorld.today)
            let before = registry.standingReads.load(ordering: .relaxed)
            let subject = try await lookup.complaintSubject(input)
            var verdict = page
            verdict.elevator = nil
            #expect(subject.scan == verdict, "\(input)")
            var registered = false
            if let number = page.number { registered = try await world.database.facts(for: number) != nil }
            #expect(subject.isRegistered == registered, "\(input)")
            let light = registry.standingReads.load(ordering: .relaxed) - before
            #expect(light == (page.outcome == .malformed ? 0 : 1), "\(input): \(page.outcome)")
        }
        #expect(try await lookup.complaintSubject(world.code(world.overdue)).scan.outcome == .revoked)

        // Through the route: filed, and no facts read at all.
        var dependencies = world.dependencies()
        dependencies.registry = registry
        let app = buildApplication(world.configuration(), dependencies: dependencies, logger: Logger(label: "test"))
        let factsBefore = registry.reads.load(ordering: .relaxed)
        try await app.test(.router) { client in
            let body = #"{"label": "\#(try world.code(world.current))", "category": "complaint", "problem": "door", "text": "门关不上"}"#
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: .json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created, "\(response.text)")
            }
            let unknown = #"{"elevator": "N000001", "category": "complaint", "problem": "door", "text": "门关不上"}"#
            try await client.execute(uri: "/api/v1/complaints", method: .post, headers: .json, body: ByteBuffer(string: unknown)) { response in
                #expect(response.status == .notFound, "an unregistered number is refused as before: \(response.text)")
            }
        }
        #expect(registry.reads.load(ordering: .relaxed) == factsBefore, "a complaint reads no elevator facts")
    }
}
