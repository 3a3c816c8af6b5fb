import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftLabels
import LiftStore

/// `liftcode demo`: a fresh demo database, key, labels and server, ready to try.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a fresh demo: database from the sample registry plus synthetic data, a key, labels, and the server.",
        discussion: """
            Everything goes under --dir (default demo/), so your own database and keys are never touched. \
            The labels point at this demo's own server (http://HOST:PORT, or LIFTCODE_BASE_URL), so a \
            phone on the same network opens the demo page when the server listens on --host 0.0.0.0.

            Examples:
              liftcode demo                         then open the printed URLs
              liftcode demo --elevators 1000000 --no-serve     a scale database for benchmarks
            """
    )

    @Option(help: "Where the demo's database, keys and labels go; emptied first.")
    var dir: String = "demo"

    @Option(help: "The sample registry to start from.")
    var sample: String = "Samples/elevators.csv"

    @Option(help: "Synthetic elevators to add beside the sample (e.g. 1000000 for a scale database).")
    var elevators: Int = 0

    @Option(help: "The district table.")
    var districts: String = "Labels/districts.csv"

    @Option(help: "The sheet layout of the demo's labels.")
    var layout: String = "Labels/layouts/a4.json"

    @Option(help: "Address the demo server listens on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port the demo server listens on.")
    var port: Int = 8080

    @Flag(help: "Build everything but do not start the server.")
    var noServe = false

    func validate() throws {
        guard elevators >= 0, elevators <= 1_000_000 else {
            throw ValidationError("--elevators must be between 0 and 1000000 (N-numbers hold 999,999 elevators: more are capped)")
        }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
    }

    func run() async throws {
        for (file, option) in [(sample, "--sample"), (layout, "--layout")] where !FileManager.default.fileExists(atPath: file) {
            throw CommandFailure("no file at \(file): run the demo from the project folder or pass \(option)")
        }
        let paths = DemoPaths(root: dir)
        try paths.reset()
        let database = try GlobalOptions.openDatabase(at: paths.database)
        let districtDirectory = try GlobalOptions.districtDirectory(file: districts)
        let today = ShanghaiTime.day(of: Date())
        let progress = elevators > 0 ? ProgressBar("synthetic elevators") : nil
        let summary = try await DemoSeeder(database: database, districts: districtDirectory, today: today, files: URL(fileURLWithPath: dir, isDirectory: true))
            .seed(sample: URL(fileURLWithPath: sample), syntheticElevators: elevators, progress: progress)
        progress?.finish("added \(summary.elevators - summary.sample.count) synthetic elevators")

        // A key, and labels for the sample registry pointing at this demo's server.
        let keyID = "K1"
        do {
            try KeyRing.generate(id: keyID, in: URL(fileURLWithPath: paths.keys, isDirectory: true))
        } catch {
            throw CommandFailure("cannot create the demo key: \(error)")
        }
        // Where a browser on this machine reaches the demo server.
        let serverURL = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
        let baseURL = try LabelPrintingOptions.labelBaseURL(ProcessInfo.processInfo.environment["LIFTCODE_BASE_URL"] ?? serverURL)
        let loaded = try LabelPrintingOptions.loadLayout(layout)
        let drawing = BatchDrawing(layout: loaded.settings, layoutName: loaded.name, font: try LabelPrintingOptions.locateFont(nil))
        let issuer = LabelPrinter.issuer(database: database, keys: try GlobalOptions.keyRing(folder: paths.keys, database: database))
        var codes: [NNumber: LabelCode] = [:]
        var batches: [String] = []
        /// Records a batch of these numbers, draws it, and remembers each number's newest code.
        func issue(_ numbers: [NNumber], of district: District, replace: Bool) async throws {
            let job = try await LabelPrinter.reporting {
                try await issuer.issue(
                    BatchOrder(
                        district: district, selection: .numbers(numbers.sorted(), replace: replace), keyID: keyID, baseURL: baseURL,
                        drawing: drawing, outputRoot: URL(fileURLWithPath: paths.labels, isDirectory: true)))
            }
            let output = try LabelPrinter.draw(job, quiet: true)
            batches.append(output.directory.path)
            for label in job.batch.labels {
                codes[label.id.number] = try job.signer.code(baseURL: baseURL, label: label.id)
            }
        }
        let byDistrict = Dictionary(grouping: summary.sample.map(\.number)) { $0.districtDigit }
        for (digit, numbers) in byDistrict.sorted(by: { $0.key < $1.key }) {
            guard let district = districtDirectory.district(digit: digit) else { continue }
            try await issue(numbers, of: district, replace: false)
        }

        // A replaced label, to show what scanning a revoked one looks like.
        var revokedCode: LabelCode?
        if let number = summary.current.first, let district = districtDirectory.district(of: number), let old = codes[number] {
            try await issue([number], of: district, replace: true)
            revokedCode = old
        }

        // Accounts to try the API with.
        let current = summary.current.dropFirst().first ?? summary.current.first
        let unit = summary.sample.first { $0.number == current }?.maintenanceUnit ?? summary.sample.compactMap(\.maintenanceUnit).first
        var tokens: [(String, String)] = []
        var logins: [(String, String, String)] = []
        func add(_ what: String, role: AccountRole, unit: String? = nil, district: String? = nil, worker: String? = nil, login: String) async throws {
            let added = try await DemoAccounts.add(role: role, unit: unit, district: district, worker: worker, login: login, to: database)
            tokens.append((what, added.token))
            logins.append((what, login, added.password ?? ""))
        }
        if let unit {
            try await add("maintainer of \(unit)", role: .maintainer, unit: unit, login: "maintainer")
            if let worker = summary.workersByUnit[unit]?.first {
                try await add("worker \(worker.login) \(worker.name)", role: .worker, unit: unit, worker: worker.login, login: worker.login)
            }
        }
        // The property manager of an overdue elevator, so its list shows red.
        if let property = summary.sample.first(where: { $0.number == summary.overdue.first })?.userUnit ?? summary.sample.compactMap(\.userUnit).first {
            try await add("property manager of \(property)", role: .property, unit: property, login: "property")
        }
        if let district = summary.sample.first?.district {
            try await add("regulator of \(district)", role: .regulator, district: district, login: "regulator")
        }
        try await add("admin", role: .admin, login: "admin")
        tokens.append(("96333 operator", try await DemoAccounts.add(role: .emergencyOperator, to: database).token))

        // Rescues: one open on the maintainer's elevator, one late, one completed.
        var rescues: DemoRescues.Made?
        if let open = current, let late = summary.overdue.first,
            let completed = summary.current.first(where: { $0 != open && !summary.classified.contains($0) })
        {
            rescues = try await DemoRescues.seed(database, open: open, late: late, completed: completed, now: Date())
        }

        let page = { (code: LabelCode?) in code.map { serverURL + "/E/" + $0.path } ?? "(none)" }
        let counterfeit = codes[summary.overdue.first ?? summary.sample[0].number].map(DemoAccounts.tampered)
        print("""

            liftcode demo in \(dir)/: \(summary.elevators) elevators, key \(keyID), labels in \(paths.labels)/
            \(summary.imports.map { "  " + $0 }.joined(separator: "\n"))
              sheets: \(batches.map { $0 + "/sheet-0001.png" }.joined(separator: "\n          "))

            Open these label pages (add ?lang=en for English):
              current:     \(page(current.flatMap { codes[$0] }))
              overdue:     \(page(summary.overdue.first.flatMap { codes[$0] }))
              stopped:     \(page(summary.stopped.first.flatMap { codes[$0] }))
              classified:  \(page(summary.classified.first.flatMap { codes[$0] }))
              revoked:     \(page(revokedCode))
              counterfeit: \(page(counterfeit))
              typed number (unverified): \(serverURL)/api/v1/elevators/\(summary.sample[0].number)

            Staff console: \(serverURL)/console/  (one-time demo passwords; change them with liftcode accounts set-password)
            \(logins.map { "  \($0.0):\n    login \($0.1)   password \($0.2)" }.joined(separator: "\n"))
            Rescues (有人被困): open \(rescues?.openID ?? "-"), late \(rescues?.lateID ?? "-"), completed \(rescues?.completedID ?? "-")
              the open one's ticket page:  \(serverURL)/T/\(rescues?.openTicket ?? "")
              curl -H 'Authorization: Bearer MAINTAINER_TOKEN' '\(serverURL)/api/v1/rescues?open=true'
              curl -X POST -H 'Authorization: Bearer MAINTAINER_TOKEN' -d '{"rescuer": "陈建章", "phone": "13912345678"}' \(serverURL)/api/v1/rescues/\(rescues?.openID ?? "ID")/accept
              curl -H 'Authorization: Bearer REGULATOR_TOKEN' '\(serverURL)/api/v1/regulator/bulletin?month=\(CivilMonth(ShanghaiTime.day(of: Date())))'
              liftcode export bulletin --database \(paths.database) --district \(summary.sample.first?.district ?? "崇川区") --month \(CivilMonth(ShanghaiTime.day(of: Date()))) --format xlsx

            API tokens (Authorization: Bearer TOKEN):
            \(tokens.map { "  \($0.0):\n    \($0.1)" }.joined(separator: "\n"))
              e.g. curl -H 'Authorization: Bearer \(tokens.first?.1 ?? "TOKEN")' \(serverURL)/api/v1/complaints

            Try the CLI on this demo with: --database \(paths.database) --keys \(paths.keys)
            """)
        fflush(nil)  // the URLs above reach a pipe or log before the server blocks
        guard !noServe else { return }
        try await ServerLaunch(
            database: paths.database, keys: paths.keys, rescuePolicy: try RescueOptions.policy(file: RescueOptions.standardFile), host: host,
            port: port, baseURL: baseURL
        ).run()
    }
}

/// Where a demo keeps its files.
struct DemoPaths {
    let root: String
    var database: String { root + "/liftcode.sqlite" }
    var keys: String { root + "/Keys" }
    var labels: String { root + "/labels" }

    /// Removes the previous demo's database and labels (its keys too) and recreates the folders.
    func reset() throws {
        let files = FileManager.default
        for path in [database, database + "-wal", database + "-shm", labels, keys] where files.fileExists(atPath: path) {
            try files.removeItem(atPath: path)
        }
        try files.createDirectory(atPath: keys, withIntermediateDirectories: true)
        try files.createDirectory(atPath: labels, withIntermediateDirectories: true)
    }
}
