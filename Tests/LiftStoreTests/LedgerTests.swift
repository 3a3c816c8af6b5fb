import Foundation
import LiftCore
import Testing

@testable import LiftStore

@Suite struct LedgerTests {
    let chongchuan = District(digit: 0, name: "崇川区")
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    func request(_ selection: BatchSelection, district: District? = nil) -> BatchRequest {
        BatchRequest(district: district ?? chongchuan, selection: selection, keyID: "K1", baseURL: "HTTPS://LC.EXAMPLE.CN", layout: "a4", createdAt: now)
    }

    @Test func freshNumbersAreNeverIssuedTwice() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.upsert([Elevator(number: try NNumber(parsing: "N000002"), address: "a", district: "崇川区")])
        let first = try await database.issue(request(.fresh(count: 48)))
        let second = try await database.issue(request(.fresh(count: 48)))
        let firstNumbers = Set(first.labels.map(\.id.number))
        let secondNumbers = Set(second.labels.map(\.id.number))
        #expect(firstNumbers.count == 48 && secondNumbers.count == 48)
        #expect(firstNumbers.isDisjoint(with: secondNumbers))
        #expect(!firstNumbers.contains(try NNumber(parsing: "N000002")), "a registered number is not fresh")
        #expect((firstNumbers.union(secondNumbers)).allSatisfy { $0.districtDigit == 0 })
        #expect(first.summary.id != second.summary.id)
        #expect(try await database.batch(id: first.summary.id)?.labels == first.labels)
        #expect(try await database.batches().count == 2)
    }

    @Test func registeredSkipsElevatorsWithAnActiveLabel() async throws {
        let database = try AppDatabase.inMemory()
        let numbers = try ["N000010", "N000011", "N000012"].map { try NNumber(parsing: $0) }
        _ = try await database.upsert(numbers.map { Elevator(number: $0, address: "a", district: "崇川区") })
        _ = try await database.issue(request(.numbers([numbers[0]], replace: false)))
        let batch = try await database.issue(request(.registered))
        #expect(batch.labels.map(\.id.number) == Array(numbers[1...]))
        await #expect(throws: LedgerError.self) { try await database.issue(request(.registered)) }
    }

    @Test func replacingRevokesTheOldLabelAndTakesTheNextSerial() async throws {
        let database = try AppDatabase.inMemory()
        let number = try NNumber(parsing: "N006109")
        _ = try await database.issue(request(.numbers([number], replace: false)))
        await #expect(throws: LedgerError.self) { try await database.issue(request(.numbers([number], replace: false))) }
        let replacement = try await database.issue(request(.numbers([number], replace: true)))
        #expect(replacement.labels.first?.id == LabelID(number: number, serial: 2))
        #expect(try await database.label(LabelID(number: number, serial: 1))?.status == .revoked)
        #expect(try await database.label(LabelID(number: number, serial: 2))?.status == .active)
    }

    @Test func refusesNumbersOfAnotherDistrict() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: LedgerError.self) { try await database.issue(request(.numbers([try NNumber(parsing: "N202300")], replace: false))) }
        #expect(try await database.batches().isEmpty, "nothing written")
    }

    @Test func revocationShowsInTheFacts() async throws {
        let database = try AppDatabase.inMemory()
        let number = try NNumber(parsing: "N006109")
        _ = try await database.upsert([Elevator(number: number, address: "崇川区钟通甲路6号", district: "崇川区")])
        _ = try await database.issue(request(.numbers([number], replace: false)))
        try await database.revoke(LabelID(number: number, serial: 1), reason: "damaged", at: now)
        #expect(try await database.facts(for: number)?.revokedSerials == [1])
        await #expect(throws: LedgerError.self) { try await database.revoke(LabelID(number: number, serial: 1), reason: "again", at: now) }
        await #expect(throws: LedgerError.self) { try await database.revoke(LabelID(number: number, serial: 5), reason: "unknown", at: now) }
    }

    @Test func keyStatusesPersist() throws {
        let database = try AppDatabase.inMemory()
        try database.setKeyStatus(.active, for: "K1")
        try database.setKeyStatus(.revoked, for: "K1")
        try database.setKeyStatus(.retired, for: "K2")
        #expect(try database.keyStatuses() == ["K1": .revoked, "K2": .retired])
    }
}
