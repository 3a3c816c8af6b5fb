import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftDemo
import LiftKiosk
import LiftStore
import Synchronization

/// `liftbench kiosk`: the time from a scanner's Enter to the elevator card drawn, in local mode.
///
/// A fresh on-disk database of demo data (synthetic elevators with units, workers, insurance,
/// maintenance histories and issued labels) is opened the way `liftcode kiosk` opens it, and a
/// kiosk session on an 80x24 screen is fed each code's characters; the clock runs from the Enter
/// byte through decoding, verification (Ed25519), the database read, rendering the card and
/// encoding the ANSI frame the terminal would receive. Target (issue 5): under 50 ms.
struct KioskBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk", abstract: "Time scan (Enter) to the rendered card on the kiosk, local mode.")

    @Option(help: "Elevators in the database (all with maintenance, insurance and a label).")
    var elevators: Int = 10_000

    @Option(help: "Scans to time, each a different label.")
    var scans: Int = 1_000

    func validate() throws {
        guard (1...99_999).contains(elevators) else { throw ValidationError("--elevators must be 1 to 99999 (one district)") }
        guard scans >= 1 else { throw ValidationError("--scans must be at least 1") }
    }

    func run() async throws {
        ResultTable.print(try await Self.measure(elevators: elevators, scans: scans))
    }

    static func measure(elevators: Int, scans: Int) async throws -> [BenchmarkResult] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftbench-kiosk-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let keys = directory.appendingPathComponent("Keys")
        try KeyRing.generate(id: "K1", in: keys)
        let database = try AppDatabase.open(path: directory.appendingPathComponent("kiosk.sqlite").path)
        let today = ShanghaiTime.day(of: Date())
        let numbers = try await seed(database, elevators: elevators, today: today)
        let base = "HTTPS://LC.EXAMPLE.CN"
        let batch = try await database.issue(BatchRequest(
            district: district, selection: .numbers(numbers, replace: false), keyID: "K1", baseURL: base, layout: "a4", createdAt: Date()))
        let keyRing = try KeyRing(directory: keys, statuses: try database.keyStatuses())
        let signer = try keyRing.signer(for: "K1")
        var generator = SeededGenerator(seed: 42)
        let codes = try (0..<scans).map { _ in
            try signer.code(baseURL: base, label: batch.labels.randomElement(using: &generator)!.id).text
        }
        print("kiosk: \(elevators) elevators with labels in \(directory.path); timing \(scans) scans…")

        let backend = LocalKioskBackend(
            lookup: ElevatorLookup(registry: database, verifier: LabelVerifier(signatures: keyRing)), complaints: database)
        let session = KioskSession(settings: KioskSettings(language: .zh), backend: backend, size: .standard)
        let frames = Mutex<(bytes: Int, shown: ScreenBuffer?)>((0, nil))
        await session.onScreenChange { screen in
            // What the terminal runner does with each new screen: encode the changed rows.
            frames.withLock { state in
                state.bytes = ANSIFrame.encode(screen, previous: state.shown).count
                state.shown = screen
            }
        }

        var milliseconds: [Double] = []
        var wrong = 0
        for code in codes {
            await session.type(code)
            let start = DispatchTime.now().uptimeNanoseconds
            await session.receive([0x0D])
            await session.settle()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            milliseconds.append(elapsed)
            let drawn = frames.withLock { $0.shown }
            if case .card(let card) = await session.state.screen, card.result.outcome == .genuine,
                drawn?.line(1).contains(card.result.label?.description ?? "?") == true
            {
                continue
            }
            wrong += 1
        }
        milliseconds.sort()
        let median = milliseconds[milliseconds.count / 2]
        let p99 = milliseconds[min(milliseconds.count - 1, Int(Double(milliseconds.count) * 0.99))]
        let worst = milliseconds.last ?? 0
        print(String(format: "kiosk: Enter to card drawn: median %.2f ms, p99 %.2f ms, max %.2f ms; %d of %d cards wrong", median, p99, worst, wrong, scans))
        return [
            BenchmarkResult(
                name: "kiosk Enter to card, \(elevators) elevators", figure: String(format: "p99 %.2f ms (max %.2f)", p99, worst),
                target: "< 50 ms", met: p99 < 50 && wrong == 0)
        ]
    }

    static let district = District(digit: 0, name: "崇川区")

    /// Demo data: elevators of one district, their units and workers, insurance, and maintenance
    /// (one in ten overdue), as `liftcode demo --elevators N` makes them, through the store's bulk
    /// load and the operators' imports.
    static func seed(_ database: AppDatabase, elevators count: Int, today: CivilDate) async throws -> [NNumber] {
        let registry = SyntheticRegistry(districts: DistrictDirectory([district]))
        let elevators = Array(registry.elevators(count: count, district: district, firstValue: 1))
        let units = registry.maintenanceUnitNames
        var workersByUnit: [String: [Worker]] = [:]
        for (index, unit) in units.enumerated() { workersByUnit[unit] = SyntheticRegistry.workers(of: unit, unitIndex: index) }
        let maintenance = SyntheticMaintenance(today: today)
        _ = try await database.bulkLoad { add in
            for (index, elevator) in elevators.enumerated() {
                var records: [MaintenanceRecord] = []
                if let unit = elevator.maintenanceUnit, let worker = workersByUnit[unit]?[index % 3] {
                    records = maintenance.records(
                        for: elevator.number, worker: worker, scenario: index % 10 == 0 ? .overdue(daysOverdue: index % 30) : .current)
                }
                try add(BulkElevator(elevator, records: records))
            }
        }
        _ = try await database.importUnits { add in
            for (index, unit) in units.enumerated() {
                let phone = SyntheticRegistry.unitPhone(seed: UInt64(index + 1))
                _ = try add(UnitUpdate(name: unit, kind: .maintenance, phone: .set(phone), createIfMissing: true))
            }
        }
        _ = try await database.importWorkers { add in
            for unit in units { for worker in workersByUnit[unit, default: []] { try add(worker) } }
        }
        _ = try await database.importInsurance { add in
            for (index, elevator) in elevators.enumerated() {
                let insurance = SyntheticRegistry.insurance(for: elevator.number, today: today, expired: index % 6 == 5)
                try add(InsurancePolicyRow(elevator: .number(elevator.number), insurance: insurance))
            }
        }
        return elevators.map(\.number)
    }
}
