import Foundation
import LiftServer
import Logging
import Synchronization
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

    /// Waits (no fixed sleep) until `file` holds at least `count` lines, or 20 s pass.
    func waitForLines(_ file: LogFile, atLeast count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while file.lines.count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func anInfoLineWaitsButAWarningFlushesEverythingBeforeIt() async throws {
        let file = try LogFile()
        let output = LogOutputBuffer(descriptor: file.descriptor, limit: 1 << 20, interval: .seconds(3600))
        let logger = Logger(label: "liftcode") { label in BufferedLogHandler(label: label, output: output) }
        logger.info("GET /N006109 200")
        output.flushSoon()  // what a warning asks for, to show the info line is there to be written
        try await waitForLines(file, atLeast: 1)
        logger.info("GET /N006109 200 again")
        #expect(file.lines.count == 1, "an info line waits for the interval or the limit")
        logger.warning("no public keys")
        try await waitForLines(file, atLeast: 3)
        let lines = file.lines
        #expect(lines.count == 3)
        #expect(lines[1].hasSuffix("info liftcode: [LiftServerTests] GET /N006109 200 again"), "\(lines)")
        #expect(lines.last?.hasSuffix("warning liftcode: [LiftServerTests] no public keys") == true, "\(lines)")
        logger.info("after")
        output.flush()
        #expect(file.lines.count == 4, "flush returns once written")
    }

    @Test func aFullBufferIsWrittenWithoutWaitingForTheInterval() async throws {
        let file = try LogFile()
        let output = LogOutputBuffer(descriptor: file.descriptor, limit: 1000, interval: .seconds(3600))
        for index in 0..<100 { output.write("line \(index) \(String(repeating: "-", count: 20))\n") }
        // Only the full buffer can have them written before the hour's interval.
        try await waitForLines(file, atLeast: 30)
        let early = file.lines
        #expect(early.count >= 30)
        #expect(early.enumerated().allSatisfy { index, line in line == "line \(index) \(String(repeating: "-", count: 20))" })
        output.flush()
        #expect(file.lines.count == 100)
    }

    @Test func aReaderThatTakesNothingNeverStallsTheWritersAndNoLineIsLostUncounted() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(readEnd) }
        let output = LogOutputBuffer(
            descriptor: writeEnd, limit: 4096, interval: .milliseconds(20), maximumPending: 64 * 1024, stallTimeout: .milliseconds(100))
        let logger = Logger(label: "liftcode") { label in BufferedLogHandler(label: label, output: output) }
        // Nobody reads the pipe (64 KB) while the server logs ten times that, warnings among them:
        // every call still returns.
        let lines = 4000
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for index in 0..<lines {
                let text = "GET /N006109 200 line \(index) \(String(repeating: "x", count: 120))"
                if index % 500 == 0 { logger.warning("\(text)") } else { logger.info("\(text)") }
            }
            finished.signal()
        }
        #expect(finished.wait(timeout: .now() + 20) == .success, "logging waited for a reader that takes nothing")

        // The reader comes back: what was kept arrives whole and in order, and the lines dropped are counted.
        let received = Mutex("")
        let reader = DispatchQueue(label: "log-reader")
        reader.async {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                guard count > 0 else { return }
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                received.withLock { $0 += text }
            }
        }
        // Until the reader has emptied the buffer a new line may still find it full and be dropped
        // (and counted): log one every 20 ms until one arrives.
        var attempts = 0
        let deadline = ContinuousClock.now + .seconds(20)
        while !received.withLock({ $0.contains("reader back\n") }), ContinuousClock.now < deadline {
            logger.warning("reader back")
            attempts += 1
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.2)  // the attempts already logged arrive, or were counted as dropped
        output.flush()
        let text = received.withLock { $0 }
        #expect(text.contains("reader back\n"), "the lines logged after the reader came back arrive")
        var kept: [Int] = []
        var dropped = 0
        var attemptsSeen = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("liftcode: "), line.hasSuffix("log lines dropped: the log's reader took nothing for a while") {
                dropped += Int(line.split(separator: " ")[1]) ?? 0
            } else if let range = line.range(of: "GET /N006109 200 line ") {
                let rest = line[range.upperBound...].split(separator: " ")
                #expect(rest.count == 2 && rest[1] == Substring(String(repeating: "x", count: 120)), "a whole line: \(line)")
                if let index = Int(rest[0]) { kept.append(index) }
            } else if line.hasSuffix("reader back") {
                attemptsSeen += 1
            } else {
                Issue.record("an unexpected line: \(line)")
            }
        }
        #expect(kept == kept.sorted(), "in order")
        #expect(dropped > 0, "the pipe and the buffer cannot hold them all")
        #expect(attemptsSeen >= 1)
        #expect(
            kept.count + attemptsSeen + dropped == lines + attempts,
            "every line written or counted as dropped (\(kept.count) + \(attemptsSeen) + \(dropped) of \(lines) + \(attempts))")
        close(writeEnd)
    }
}
