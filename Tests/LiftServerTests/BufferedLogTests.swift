import Foundation
import LiftServer
import Logging
import Testing

/// The server's log written through `LogOutputBuffer`: whole lines, in order, none lost, and
/// warnings at once.
@Suite struct BufferedLogTests {
    /// A temporary file to log into, its descriptor, and what it holds.
    final class LogFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-log-\(UUID().uuidString).log")
        let descriptor: Int32

        init() throws {
            descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        }

        deinit {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }

        var lines: [Substring] {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        }
    }

    @Test func linesFromManyTasksArriveWholeAndNoneIsLost() async throws {
        let file = try LogFile()
        let output = LogOutputBuffer(descriptor: file.descriptor, limit: 4096, interval: .milliseconds(20))
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for line in 0..<500 { output.write("writer \(writer) line \(line) 电梯 \(String(repeating: "x", count: line % 97))\n") }
                }
            }
        }
        // The last lines wait for the interval: wait for them (no fixed sleep).
        let deadline = ContinuousClock.now + .seconds(20)
        while file.lines.count < 4000, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let lines = file.lines
        #expect(lines.count == 4000)
        for writer in 0..<8 {
            let own = lines.filter { $0.hasPrefix("writer \(writer) ") }
            #expect(own.count == 500)
            // Each writer's lines in the order it wrote them, each whole.
            #expect(own.enumerated().allSatisfy { index, line in line == "writer \(writer) line \(index) 电梯 \(String(repeating: "x", count: index % 97))" })
        }
    }

    @Test func anInfoLineWaitsButAWarningFlushesEverythingBeforeIt() throws {
        let file = try LogFile()
        let output = LogOutputBuffer(descriptor: file.descriptor, limit: 1 << 20, interval: .seconds(3600))
        let logger = Logger(label: "liftcode") { label in BufferedLogHandler(label: label, output: output) }
        logger.info("GET /N006109 200")
        #expect(file.lines.isEmpty, "an info line waits for the interval or the limit")
        logger.warning("no public keys")
        let lines = file.lines
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix("info liftcode: [LiftServerTests] GET /N006109 200") == true, "\(lines)")
        #expect(lines.last?.hasSuffix("warning liftcode: [LiftServerTests] no public keys") == true, "\(lines)")
        logger.info("after")
        output.flush()
        #expect(file.lines.count == 3)
    }

    @Test func aFullBufferIsWrittenWithoutWaiting() throws {
        let file = try LogFile()
        let output = LogOutputBuffer(descriptor: file.descriptor, limit: 1000, interval: .seconds(3600))
        var total = 0
        for index in 0..<100 {
            let line = "line \(index) \(String(repeating: "-", count: 20))\n"
            total += line.utf8.count
            output.write(line)
        }
        // Written each time 1000 bytes gathered: what waits is less than that.
        let written = file.lines.reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(written > total - 1000 && written < total, "\(written) of \(total) bytes")
        output.flush()
        #expect(file.lines.count == 100)
    }
}
