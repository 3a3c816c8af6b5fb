import Foundation
import LiftCore
import LiftStore
import Testing

/// A complaint's light read of its subject (`ElevatorLookup.complaintSubject`) gives the verdict a
/// label page gives, and "registered" as the registry says, for every kind of text a stranger or a
/// dishonest user can send, under one base URL or several.
@Suite struct ComplaintSubjectParityTests {
    static let other = "HTTP://OTHER.LIFTCODE.TEST"

    /// The world's code with one signature character changed.
    static func counterfeit(_ code: String) -> String {
        var characters = Array(code)
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    /// The same verdict; "registered" when the page shows an elevator, or, for a counterfeit
    /// (whose page shows nothing of the registry), when its number is registered.
    static func expectSame(
        _ page: ScanResult, _ subject: ComplaintSubject, _ input: String, registry: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var verdict = page
        verdict.elevator = nil
        #expect(subject.scan == verdict, "\(input.debugDescription)", sourceLocation: sourceLocation)
        var registered = page.elevator != nil
        if page.outcome == .counterfeit, let number = page.number { registered = try await registry.facts(for: number) != nil }
        #expect(subject.isRegistered == registered, "\(input.debugDescription)", sourceLocation: sourceLocation)
    }

    func compare(_ world: TestWorld, acceptedBaseURLs: [String]) async throws {
        let lookup = ElevatorLookup(registry: world.database, verifier: LabelVerifier(signatures: world.keyRing), acceptedBaseURLs: acceptedBaseURLs)
        let elsewhere = try world.signer.code(baseURL: Self.other, label: LabelID(number: world.current, serial: 1)).text
        let codes = [
            try world.code(world.current), try world.code(world.classified), try world.code(world.overdue, serial: 2),
            try world.code(world.overdue), try world.code(world.unregistered), try world.sample.counterfeitCode(),
            Self.counterfeit(try world.code(world.unregistered)), Self.counterfeit(try world.code(world.overdue)), elsewhere,
            "  \(try world.code(world.current).lowercased())\r\n", "N000614", "n000618", "000001", "614", "N999999", "N00061",
            "not a code", "", "   ", "HTTP://LIFTCODE.TEST/E/garbage", "N0006１4", "HTTP://LIFTCODE.TEST/E/", "/E/",
            try world.code(world.current) + "x",
        ]
        for text in codes {
            try await Self.expectSame(
                try await lookup.lookup(text, today: TestWorld.today), try await lookup.complaintSubject(text), text, registry: world.database)
        }
        let elsewherePath = String(elsewhere.dropFirst(Self.other.count + 3))
        let paths = [
            try world.path(world.current), try world.path(world.overdue), try world.path(world.unregistered), try world.counterfeitPath(),
            elsewherePath, "garbage", "", "n000614-1-k1-", try world.path(world.current).lowercased(),
        ]
        for path in paths {
            try await Self.expectSame(
                try await lookup.lookup(path: path, baseURL: TestWorld.base, today: TestWorld.today),
                try await lookup.complaintSubject(path: path, baseURL: TestWorld.base), path, registry: world.database)
        }
        for typed in ["N000614", "000001", "n006109", "N999999", "abc", "", " N000618 ", "N0006109"] {
            try await Self.expectSame(
                try await lookup.lookup(typed: typed, today: TestWorld.today), try await lookup.complaintSubject(typed: typed), typed,
                registry: world.database)
        }
    }

    @Test func everySubjectReadsAsTheLabelPageReadsIt() async throws {
        let world = try await TestWorld()
        try await compare(world, acceptedBaseURLs: [])
        try await compare(world, acceptedBaseURLs: [TestWorld.base, Self.other])
        // A revoked label of a number not registered yet: the ledger's word counts without facts.
        try await world.database.revoke(LabelID(number: world.unregistered, serial: 1), reason: "damaged", at: Date())
        try await compare(world, acceptedBaseURLs: [TestWorld.base, Self.other])
        let lookup = ElevatorLookup(registry: world.database, verifier: LabelVerifier(signatures: world.keyRing))
        #expect(try await lookup.complaintSubject(world.code(world.unregistered)) == ComplaintSubject(
            scan: try await lookup.lookup(world.code(world.unregistered), today: TestWorld.today), isRegistered: false))
        #expect(try await lookup.complaintSubject(world.code(world.unregistered)).scan.outcome == .revoked)
    }
}
