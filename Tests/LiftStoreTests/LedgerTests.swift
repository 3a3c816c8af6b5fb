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

    @Test func freshNumbersAreNeverIssuedTwice() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.upsert([Elevator(number: try NNumber(parsing: "N000002"), address: "a", district: "崇川区")])
        let first = try database.issue(request(.fresh(count: 48)))
        let second = try database.issue(request(.fresh(count: 48)))
        let firstNumbers = Set(first.labels.map(\.id.number))
        let secondNumbers = Set(second.labels.map(\.id.number))
        #expect(firstNumbers.count == 48 && secondNumbers.count == 48)
        #expect(firstNumbers.isDisjoint(with: secondNumbers))
        #expect(!firstNumbers.contains(try NNumber(parsing: "N000002")), "a registered number is not fresh")
        #expect((firstNumbers.union(secondNumbers)).allSatisfy { $0.districtDigit == 0 })
        #expect(first.summary.id != second.summary.id)
        #expect(try database.batch(id: first.summary.id)?.labels == first.labels)
        #expect(try database.batches().count == 2)
    }

    @Test func registeredSkipsElevatorsWithAnActiveLabel() throws {
        let database = try AppDatabase.inMemory()
        let numbers = try ["N000010", "N000011", "N000012"].map { try NNumber(parsing: $0) }
        _ = try database.upsert(numbers.map { Elevator(number: $0, address: "a", district: "崇川区") })
        _ = try database.issue(request(.numbers([numbers[0]], replace: false)))
        let batch = try database.issue(request(.registered))
        #expect(batch.labels.map(\.id.number) == Array(numbers[1...]))
        #expect(throws: LedgerError.self) { try database.issue(request(.registered)) }
    }

    @Test func replacingRevokesTheOldLabelAndTakesTheNextSerial() throws {
        let database = try AppDatabase.inMemory()
        let number = try NNumber(parsing: "N006109")
        _ = try database.issue(request(.numbers([number], replace: false)))
        #expect(throws: LedgerError.self) { try database.issue(request(.numbers([number], replace: false))) }
        let replacement = try database.issue(request(.numbers([number], replace: true)))
        #expect(replacement.labels.first?.id == LabelID(number: number, serial: 2))
        #expect(try database.label(LabelID(number: number, serial: 1))?.status == .revoked)
        #expect(try database.label(LabelID(number: number, serial: 2))?.status == .active)
    }

    @Test func refusesNumbersOfAnotherDistrict() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: LedgerError.self) { try database.issue(request(.numbers([try NNumber(parsing: "N202300")], replace: false))) }
        #expect(try database.batches().isEmpty, "nothing written")
    }

    @Test func revocationShowsInTheFacts() async throws {
        let database = try AppDatabase.inMemory()
        let number = try NNumber(parsing: "N006109")
        _ = try database.upsert([Elevator(number: number, address: "崇川区钟通甲路6号", district: "崇川区")])
        _ = try database.issue(request(.numbers([number], replace: false)))
        try database.revoke(LabelID(number: number, serial: 1), reason: "damaged", at: now)
        #expect(try await database.facts(for: number)?.revokedSerials == [1])
        #expect(throws: LedgerError.self) { try database.revoke(LabelID(number: number, serial: 1), reason: "again", at: now) }
        #expect(throws: LedgerError.self) { try database.revoke(LabelID(number: number, serial: 5), reason: "unknown", at: now) }
    }

    @Test func keyStatusesPersist() throws {
        let database = try AppDatabase.inMemory()
        try database.setKeyStatus(.active, for: "K1")
        try database.setKeyStatus(.revoked, for: "K1")
        try database.setKeyStatus(.retired, for: "K2")
        #expect(try database.keyStatuses() == ["K1": .revoked, "K2": .retired])
    }
}
