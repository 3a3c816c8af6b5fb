import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftServer
import LiftStore

/// `liftbench lookup`: the cost of one public label answer in process (no HTTP, no page cache):
/// the code read, verified, looked up and rendered, as `GET /E/<code>` does it, for each outcome
/// and format. Prints nanoseconds per answer; with `--instructions`, runs itself again under
/// `valgrind --tool=callgrind` and prints the instructions per answer too (stable on a busy machine).
struct LookupBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup", abstract: "Cost of one label lookup and rendering, in process, per outcome and format.")

    @Option(help: "Elevators in the database (all with maintenance, insurance and a label).")
    var elevators: Int = 10_000

    @Option(help: "Answers timed per case.")
    var lookups: Int = 20_000

    @Flag(help: "Also count instructions per answer with valgrind --tool=callgrind.")
    var instructions = false

    @Option(help: .hidden)
    var only: String?

    @Flag(help: .hidden)
    var mustache = false

    func validate() throws {
        guard (100...99_999).contains(elevators) else { throw ValidationError("--elevators must be 100 to 99999 (one district)") }
        guard lookups >= 1 else { throw ValidationError("--lookups must be at least 1") }
        if let only, !LookupCase.all.contains(where: { $0.name == only }) {
            throw ValidationError("--only must be one of \(LookupCase.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() async throws {
        if let only {
            // Under callgrind: one case only.
            let world = try await LookupWorld(elevators: elevators)
            defer { world.remove() }
            _ = try await world.measure(LookupCase.all.first { $0.name == only }!, rendering: mustache ? .mustache : .typed, lookups: lookups)
            return
        }
        ResultTable.print(try await Self.measure(elevators: elevators, lookups: lookups, instructions: instructions))
    }

    static func measure(elevators: Int, lookups: Int, instructions: Bool) async throws -> [BenchmarkResult] {
        let world = try await LookupWorld(elevators: elevators)
        defer { world.remove() }
        print("lookup: \(elevators) elevators; \(lookups) answers per case, in process, no page cache")
        var results: [BenchmarkResult] = []
        for lookupCase in LookupCase.all {
            var figures: [String] = []
            for rendering in [LabelAnswers.Rendering.typed, .mustache] {
                let nanoseconds = try await world.measure(lookupCase, rendering: rendering, lookups: lookups)
                var figure = String(format: "%.0f ns", nanoseconds)
                if instructions {
                    let counted = try Self.instructions(lookupCase, rendering: rendering)
                    figure += counted.map { String(format: ", %.0f instr.", $0) } ?? ", (no callgrind count)"
                }
                figures.append(figure)
            }
            print("lookup \(lookupCase.name): \(figures[0]) per answer (Mustache and JSONEncoder: \(figures[1]))")
            results.append(
                BenchmarkResult(
                    name: "lookup in process, \(lookupCase.name)", figure: figures[0], target: "(was \(figures[1]))", met: true))
        }
        return results
    }

    /// Instructions per answer (nil when valgrind is missing or fails: valgrind 3.19 cannot read
    /// Swift 6.3's DWARF 5 and crashes on its libdispatch): this program again under callgrind on a small database, once with
    /// 100 answers and once with 600; the difference over 500 leaves out the setup.
    static func instructions(_ lookupCase: LookupCase, rendering: LabelAnswers.Rendering) throws -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/valgrind") else { return nil }
        func count(_ lookups: Int) throws -> Double? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/valgrind")
            let program = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("liftbench-callgrind-\(getpid()).out").path
            defer { try? FileManager.default.removeItem(atPath: out) }
            process.arguments = [
                "--tool=callgrind", "--callgrind-out-file=\(out)", program, "lookup", "--elevators", "100", "--lookups", "\(lookups)", "--only", lookupCase.name,
            ] + (rendering == .mustache ? ["--mustache"] : [])
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            // "==123== Collected : 123456789"
            for line in text.split(separator: "\n") where line.contains("Collected :") {
                return line.split(separator: ":").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            }
            return nil
        }
        guard let few = try count(100), let many = try count(600) else { return nil }
        return (many - few) / 500
    }
}

/// One kind of answer: an outcome and a format.
struct LookupCase: Sendable {
    enum Kind: Sendable { case genuine, revoked, counterfeit, unknown, typed }
    let kind: Kind
    let json: Bool

    var name: String {
        let kind: String
        switch self.kind {
        case .genuine: kind = "genuine"
        case .revoked: kind = "revoked"
        case .counterfeit: kind = "counterfeit"
        case .unknown: kind = "unknown"
        case .typed: kind = "typed number"
        }
        return kind + (json ? " JSON" : " HTML")
    }

    static let all: [LookupCase] =
        [Kind.genuine, .revoked, .counterfeit, .unknown].flatMap { [LookupCase(kind: $0, json: false), LookupCase(kind: $0, json: true)] }
        + [LookupCase(kind: .typed, json: true)]
}

/// A database of demo elevators with labels (some replaced, so revoked), the server's answerer
/// over it, and the paths of each kind.
struct LookupWorld: Sendable {
    /// The temporary folder of its database and key, removed by ``remove()``.
    let directory: URL
    let answers: LabelAnswers
    let today: CivilDate
    let paths: [LookupCase.Kind: [String]]

    init(elevators: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftbench-lookup-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        let keys = directory.appendingPathComponent("Keys")
        try KeyRing.generate(id: "K1", in: keys)
        let database = try AppDatabase.open(path: directory.appendingPathComponent("lookup.sqlite").path)
        today = ShanghaiTime.day(of: Date())
        let numbers = try await KioskBenchmark.seed(database, elevators: elevators, today: today)
        let base = "HTTP://127.0.0.1:8181"
        let district = KioskBenchmark.district
        // Labels for every elevator and for numbers not registered; then a tenth replaced.
        let unregistered = (1...min(1000, elevators)).compactMap { NNumber(value: 90_000 + $0) }
        let first = try await database.issue(
            BatchRequest(district: district, selection: .numbers(numbers + unregistered, replace: false), keyID: "K1", baseURL: base, layout: "a4", createdAt: Date()))
        let replaced = Array(numbers.enumerated().filter { $0.offset % 10 == 3 }.map(\.element))
        _ = try await database.issue(
            BatchRequest(district: district, selection: .numbers(replaced, replace: true), keyID: "K1", baseURL: base, layout: "a4", createdAt: Date()))
        let keyRing = try KeyRing(directory: keys, statuses: try database.keyStatuses())
        let signer = try keyRing.signer(for: "K1")
        let isReplaced = Set(replaced)
        let isUnregistered = Set(unregistered)
        var paths: [LookupCase.Kind: [String]] = [:]
        for label in first.labels.prefix(20_000) {
            let code = try signer.code(baseURL: base, label: label.id)
            let kind: LookupCase.Kind =
                isUnregistered.contains(label.id.number) ? .unknown : isReplaced.contains(label.id.number) ? .revoked : .genuine
            paths[kind, default: []].append(code.path)
            if kind == .genuine {
                var signature = code.signature
                signature[40] ^= 0x01
                let forged = LabelCode(baseURL: base, number: code.number, serial: code.serial, keyID: code.keyID, signature: signature)
                paths[.counterfeit, default: []].append(forged.path)
                paths[.typed, default: []].append(code.number.description)
            }
        }
        self.paths = paths
        // As the server does: the key ring behind the trusted keys' signature cache.
        answers = LabelAnswers(
            lookup: ElevatorLookup(registry: database, verifier: LabelVerifier(signatures: TrustedKeys(keyRing, published: []))),
            labelBaseURL: base)
    }

    /// Removes the database and key made for the measurement.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Nanoseconds per answer: one pass over the case's paths first (as a warm server, with its
    /// signature checks cached), then `lookups` answers timed.
    func measure(_ lookupCase: LookupCase, rendering: LabelAnswers.Rendering, lookups: Int) async throws -> Double {
        let answers = LabelAnswers(lookup: self.answers.lookup, labelBaseURL: self.answers.labelBaseURL, rendering: rendering)
        let paths = self.paths[lookupCase.kind] ?? []
        precondition(!paths.isEmpty, "no paths of \(lookupCase.name)")
        // Every path once, so each case is measured with its signature checks remembered (as the
        // server's are after a code's first scan), whichever case ran before it.
        _ = try await timedLookups(lookupCase, answers: answers, paths: paths, count: paths.count)
        let started = ContinuousClock.now
        let bytes = try await timedLookups(lookupCase, answers: answers, paths: paths, count: lookups)
        let elapsed = ContinuousClock.now - started
        precondition(bytes > 0)
        return Double(elapsed.components.seconds) * 1e9 / Double(lookups) + Double(elapsed.components.attoseconds) / 1e9 / Double(lookups)
    }

    /// The measured loop: each answer as the route makes it.
    func timedLookups(_ lookupCase: LookupCase, answers: LabelAnswers, paths: [String], count: Int) async throws -> Int {
        var bytes = 0
        for index in 0..<count {
            let path = paths[index % paths.count]
            let answer: LabelAnswers.Answer
            if lookupCase.kind == .typed {
                answer = try await answers.answer(typed: path, today: today)
            } else {
                answer = try await answers.answer(path: path, language: .zh, json: lookupCase.json, today: today)
            }
            bytes += answer.body.readableBytes
        }
        return bytes
    }
}
