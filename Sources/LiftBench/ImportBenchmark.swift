import ArgumentParser
import Foundation
import LiftCore
import LiftDemo
import LiftImport
import LiftStore

/// `liftbench import --rows N`: imports N registry rows (Chinese headers, CSV) into a fresh database.
/// Target: 1,000,000 rows in under 30 s.
struct ImportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import N registry rows into a fresh database.")

    @Option(help: "Rows to import (at most 999999: every possible N-number).")
    var rows: Int = 999_999

    func run() async throws {
        ResultTable.print([try await Self.measure(rows: rows)])
    }

    static func measure(rows: Int) async throws -> BenchmarkResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liftbench-import-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let districts = DistrictDirectory([District(digit: 0, name: "崇川区"), District(digit: 1, name: "港闸区"),
            District(digit: 2, name: "南通开发区"), District(digit: 3, name: "通州区"), District(digit: 4, name: "海安市"),
            District(digit: 5, name: "海门市"), District(digit: 6, name: "启东市"), District(digit: 7, name: "如东县"),
            District(digit: 8, name: "如皋市"), District(digit: 9, name: "通州湾示范区")])
        let registry = SyntheticRegistry(districts: districts)
        let csv = directory.appendingPathComponent("registry.csv")
        // N-numbers run N000001-N999999, so a registry holds at most 999,999 elevators.
        let perDistrict = (rows + 9) / 10
        let elevators = districts.districts.lazy.flatMap { district in
            registry.elevators(
                count: min(perDistrict, district.numberRange.count), district: district, firstValue: district.numberRange.lowerBound)
        }.prefix(rows)
        try RegistryCSVWriter.write(elevators, to: csv)
        let size = (try? FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0
        print("import: wrote \(rows) rows (\(size / 1_000_000) MB) to \(csv.path); importing…")

        if ProcessInfo.processInfo.environment["LIFTBENCH_PARSE_ONLY"] != nil {
            let parseStart = Date()
            var n = 0
            try ElevatorImporter(districts: districts).read(csv) { _ in n += 1 }
            print("parse only: \(n) rows in \(Date().timeIntervalSince(parseStart)) s")
            var table = try TableReader(url: csv)
            let csvStart = Date()
            while try table.next() != nil { n += 1 }
            print("csv only: \(Date().timeIntervalSince(csvStart)) s")
        }
        let started = Date()
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bench.sqlite").path)
        let count = try await database.upsertElevators { upsert in
            try ElevatorImporter(districts: districts).read(csv, each: upsert)
            print(String(format: "import: rows read and written in %.2f s; committing…", Date().timeIntervalSince(started)))
        }
        let seconds = Date().timeIntervalSince(started)
        let imported = count.inserted + count.updated
        print(String(format: "import: %d rows in %.2f s (%.0f rows/s), peak memory %.0f MB", imported, seconds, Double(imported) / seconds, peakMemoryMB()))
        return BenchmarkResult(
            name: "import \(imported) registry rows", figure: String(format: "%.1f s", seconds), target: "< 30 s",
            met: imported == rows && seconds < 30 * Double(rows) / 999_999)
    }
}
