import Foundation
import LiftCore
import Testing

/// A code given as the path a page or form carries (the complaint form of a label page, a
/// rescuer's arrival) is looked up one way: `ElevatorLookup.lookup(path:baseURL:today:)`.
@Suite struct LookupByPathTests {
    @Test func aPathIsReadAsTheCodePrintedUnderTheBaseURL() async throws {
        let world = try await TestWorld()
        let lookup = ElevatorLookup(registry: world.database, verifier: LabelVerifier(signatures: world.keyRing))
        let genuine = try await lookup.lookup(path: try world.path(world.current), baseURL: TestWorld.base, today: TestWorld.today)
        #expect(genuine.outcome == .genuine && genuine.number == world.current)
        #expect(genuine == (try await lookup.lookup(try world.code(world.current), today: TestWorld.today)), "the same answer as the whole code")

        let forged = try await lookup.lookup(path: try world.counterfeitPath(), baseURL: TestWorld.base, today: TestWorld.today)
        #expect(forged.outcome == .counterfeit && forged.elevator == nil)
        // Under another base URL the same path is another code, whose signature does not hold.
        let elsewhere = try await lookup.lookup(path: try world.path(world.current), baseURL: "HTTPS://ELSEWHERE.EXAMPLE", today: TestWorld.today)
        #expect(elsewhere.outcome == .counterfeit)
        for path in ["", "N000614", "not-a-code", "../E/N000614-1-K1-AAAA", String(repeating: "A", count: 5000)] {
            let result = try await lookup.lookup(path: path, baseURL: TestWorld.base, today: TestWorld.today)
            #expect(result.outcome == .malformed && result.elevator == nil, "\(path.prefix(40))")
        }
    }
}
