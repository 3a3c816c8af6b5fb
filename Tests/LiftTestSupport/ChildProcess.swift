import Foundation

/// Runs another program from a test and collects what it printed, without blocking a thread of
/// Swift's cooperative pool while it runs.
///
/// Tests run in parallel on a pool as wide as the machine has cores (two here). A test that waits
/// for a child with `waitUntilExit()` holds one of those threads for the child's whole life, and a
/// few of them starve every other test's tasks, which then miss their deadlines. Here the pipes are
/// read on threads of their own and the exit is awaited through the process's termination handler.
public enum ChildProcess {
    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public var status: Int32
        public var outputData: Data
        public var errorData: Data

        public var output: String { String(decoding: outputData, as: UTF8.self) }
        public var errors: String { String(decoding: errorData, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments` to its end.
    ///
    /// - Parameters:
    ///   - executable: a path (`/usr/bin/python3`, a built product) or a name looked up on PATH.
    ///   - directory: the working directory; the test process's own when nil.
    ///   - environment: added to (and overriding) the test process's environment.
    ///   - removing: names of the test process's environment variables the child must not inherit.
    ///   - input: written to the child's standard input, which is then closed; `/dev/null` when nil.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:], removing: [String] = [], input: Data? = nil
    ) async throws -> Result {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        var inherited = ProcessInfo.processInfo.environment
        for name in removing { inherited[name] = nil }
        process.environment = inherited.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        let inputPipe = input.map { _ in Pipe() }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = inputPipe ?? FileHandle.nullDevice

        let exit = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exit.continuation.yield(finished.terminationStatus)
            exit.continuation.finish()
        }
        try process.run()
        // The parent's copies of the child's ends must close, or the reads below never see an end.
        try? output.fileHandleForWriting.close()
        try? errors.fileHandleForWriting.close()
        if let inputPipe, let input {
            try? inputPipe.fileHandleForReading.close()
            let writer = inputPipe.fileHandleForWriting
            Thread.detachNewThread {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        async let outputData = readToEnd(output.fileHandleForReading)
        async let errorData = readToEnd(errors.fileHandleForReading)
        var status: Int32 = -1
        for await code in exit.stream { status = code }
        return Result(status: status, outputData: await outputData, errorData: await errorData)
    }

    /// Reads a pipe to its end on a thread of its own.
    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: handle.readDataToEndOfFile())
            }
        }
    }
}
