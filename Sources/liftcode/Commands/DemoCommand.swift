import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode demo`: a fresh demo database, key, labels and server, ready to try.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a fresh demo: database from the sample registry plus synthetic data, a key, labels, and the server.",
        discussion: "Everything goes under --dir (default demo/), so your own database and keys are never touched."
    )

    @Option(help: "Where the demo's database, keys and labels go; emptied first.")
    var dir: String = "demo"

    @Option(help: "The sample registry to start from.")
    var sample: String = "Samples/elevators.csv"

    @Option(help: "Synthetic elevators to add beside the sample (e.g. 1000000 for a scale database).")
    var elevators: Int = 0

    @Option(help: "The district table.")
    var districts: String = "Labels/districts.csv"

    func validate() throws {
        guard elevators >= 0, elevators <= 999_000 else { throw ValidationError("--elevators must be between 0 and 999000") }
        guard FileManager.default.fileExists(atPath: sample) else {
            throw ValidationError("no sample registry at \(sample): run the demo from the project folder or pass --sample")
        }
    }

    func run() async throws {
        let paths = DemoPaths(root: dir)
        try paths.reset()
        var global = try GlobalOptions.parse(["--database", paths.database, "--keys", paths.keys, "--districts", districts])
        global.database = paths.database
        let database = try global.openDatabase()
        let today = ShanghaiTime.day(of: Date())
        let progress = elevators > 0 ? ProgressBar("synthetic elevators") : nil
        let summary = try DemoSeeder(database: database, districts: try global.districtDirectory(), today: today)
            .seed(sample: URL(fileURLWithPath: sample), syntheticElevators: elevators, progress: progress)
        progress?.finish("added \(elevators) synthetic elevators")
        print("""
            demo database: \(paths.database) (\(summary.elevators) elevators)
              current:    \(summary.current.prefix(5).map(\.description).joined(separator: " "))
              overdue:    \(summary.overdue.prefix(5).map(\.description).joined(separator: " "))
              stopped:    \(summary.stopped.map(\.description).joined(separator: " "))
              classified: \(summary.classified.map(\.description).joined(separator: " "))
              no record:  \(summary.noRecord.map(\.description).joined(separator: " "))
              expired insurance: \(summary.expiredInsurance.map(\.description).joined(separator: " "))
            """)
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
