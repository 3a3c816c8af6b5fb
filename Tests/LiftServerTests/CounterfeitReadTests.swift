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
/// through the lookup and through the public route.
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
}
