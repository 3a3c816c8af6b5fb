import Foundation
import LiftTestSupport

/// Runs the built `liftcode` executable in a scratch folder holding a copy of the project's Labels/
/// and Samples/, as a label printer would run it.
struct CLIRunner {
    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    let folder: URL
    let executable: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(at: project.appendingPathComponent("Labels"), to: folder.appendingPathComponent("Labels"))
        try FileManager.default.copyItem(at: project.appendingPathComponent("Samples"), to: folder.appendingPathComponent("Samples"))
        executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("liftcode")
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts `liftcode arguments…` in the folder without waiting for it.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `liftcode arguments…` to the end, with `input` on standard input if given.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil) async throws -> Result {
        let result = try await ChildProcess.run(executable.path, arguments, in: folder, input: input.map { Data($0.utf8) })
        return Result(status: result.status, output: result.output, errors: result.errors)
    }

    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    /// Every code of every batch's manifest under Labels/out, in batch order.
    func manifestCodes() throws -> [String] {
        let out = url("Labels/out")
        return try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().flatMap { batch in
            try String(contentsOf: out.appendingPathComponent(batch).appendingPathComponent("manifest.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[6]) }
        }
    }

    /// Writes a UTF-8 file in the folder.
    func write(_ path: String, _ text: String) throws {
        try text.write(to: url(path), atomically: true, encoding: .utf8)
    }

    /// The elevators export as CSV lines, read through `export --out -`.
    func exportedElevators() async throws -> [String] {
        let result = try await run(["export", "elevators", "--format", "csv", "--out", "-"])
        guard result.status == 0 else { return ["export failed: \(result.errors)"] }
        return result.output.split(whereSeparator: \.isNewline).map(String.init)
    }
}
