import ArgumentParser
import Foundation

/// `liftbench`: liftcode's benchmarks. Each prints its figures; `all` prints one table.
@main
struct LiftBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liftbench",
        abstract: "Measure liftcode against the targets of DESIGN.md section 11 (build with -c release).",
        subcommands: [AllBenchmarks.self, ImportBenchmark.self, LabelsBenchmarkCommand.self, SupervisionBenchmark.self, KioskBenchmark.self, LookupBenchmark.self, HTTPFloorServer.self]
    )
}

/// One measured figure against its target.
struct BenchmarkResult {
    let name: String
    let figure: String
    let target: String
    let met: Bool
}

/// Prints results as an aligned table.
enum ResultTable {
    static func print(_ results: [BenchmarkResult]) {
        let rows = [["benchmark", "figure", "target", "met"]] + results.map { [$0.name, $0.figure, $0.target, $0.met ? "yes" : "NO"] }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            Swift.print(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
            if index == 0 { Swift.print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }
}

/// `liftbench all`: every benchmark at its issue's size, then one table.
struct AllBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Run every benchmark and print one table.")

    func run() async throws {
        var results: [BenchmarkResult] = []
        // Labels first: their peak-memory figure is the process's high-water mark so far.
        results += try LabelsBenchmarkCommand.measure(count: 100_000)
        await results.append(try ImportBenchmark.measure(rows: 999_999))
        results += try await SupervisionBenchmark.measure(
            elevators: 999_999, records: 24_000_000, path: "bench-out/supervision.sqlite", rebuild: false)
        results += try await KioskBenchmark.measure(elevators: 10_000, scans: 1_000)
        results += try await LookupBenchmark.measure(elevators: 10_000, lookups: 20_000, instructions: true)
        ResultTable.print(results)
    }
}

/// Peak resident memory of this process in MB (VmHWM).
func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return 0
}
