import Foundation
import LiftCore
import LiftCrypto
import LiftKiosk
import LiftStore
import LiftTestSupport
import Synchronization

/// The shared sample world (``SampleWorld``, with unit B's phone) and a clock the test moves, with
/// the kiosk built over them.
@dynamicMemberLookup
struct KioskWorld {
    static let base = SampleWorld.base
    static let unitA = SampleWorld.unitA
    static let unitB = SampleWorld.unitB
    static let today = SampleWorld.today
    static let adminSequence = "\u{18}\u{18}quit"

    let sample: SampleWorld
    let clock = TestClock(ShanghaiTime.startOfDay(KioskWorld.today).addingTimeInterval(10 * 3600))

    init() async throws {
        sample = try await SampleWorld(unitBPhone: true)
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<SampleWorld, Value>) -> Value { sample[keyPath: keyPath] }

    func code(_ number: NNumber, serial: Int = 1) throws -> String { try sample.code(number, serial: serial) }
    func counterfeitCode() throws -> String { try sample.counterfeitCode() }

    var backend: LocalKioskBackend {
        LocalKioskBackend(lookup: ElevatorLookup(registry: sample.database, verifier: LabelVerifier(signatures: sample.keyRing)), complaints: sample.database)
    }

    func settings(language: Language = .zh, allowExit: Bool = false) -> KioskSettings {
        KioskSettings(language: language, idleTimeout: 60, adminSequence: Array(Self.adminSequence.utf8), allowExit: allowExit)
    }

    func session(language: Language = .zh, size: TerminalSize = .standard, allowExit: Bool = false) -> KioskSession {
        let clock = clock
        return KioskSession(settings: settings(language: language, allowExit: allowExit), backend: backend, size: size, clock: { clock.now })
    }
}

extension KioskSession {
    /// Types a line as a scanner does (the text, then Enter) and waits for the answer.
    func scan(_ text: String, suffix: String = "\r") async {
        type(text + suffix)
        await settle()
    }

    /// The screen's text.
    var text: String { screen.text }
}
