import Foundation
import LiftCore
import LiftKiosk
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The kiosk on a real pseudo-terminal: the terminal runner takes the pty's slave side (raw mode,
/// alternate screen, its reads and SIGWINCH), and the test types into the master side as a
/// barcode scanner would and reads back what was drawn.
@Suite(.serialized) struct PseudoTerminalTests {
    /// The master side of a pty and everything read from it so far, fed to an emulator.
    final class Pty: Sendable {
        let master: Int32
        let slave: Int32
        private let screen: Mutex<TerminalEmulator>
        private let stop = Mutex(false)

        init(columns: Int, rows: Int) throws {
            var master: Int32 = -1
            var slave: Int32 = -1
            var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
            guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw PtyError() }
            self.master = master
            self.slave = slave
            screen = Mutex(TerminalEmulator(columns: columns, rows: rows))
            Thread.detachNewThread { [self] in self.readLoop() }
        }

        struct PtyError: Error {}

        private func readLoop() {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !stop.withLock({ $0 }) {
                var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 20) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                let bytes = Array(buffer[0..<count])
                screen.withLock { $0.feed(bytes) }
            }
        }

        func type(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }

        /// Resizes the terminal the way a terminal emulator does: TIOCSWINSZ, then SIGWINCH.
        func resize(columns: Int, rows: Int) {
            screen.withLock { $0.resize(columns: columns, rows: rows) }
            var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(master, UInt(TIOCSWINSZ), &size)
            kill(getpid(), SIGWINCH)
        }

        var text: String { screen.withLock { $0.text } }
        var lines: [String] { screen.withLock { $0.lines } }
        var modes: [String] { screen.withLock { $0.modes } }

        /// Waits up to `seconds` for the screen to satisfy a condition.
        func wait(seconds: Double = 60, until condition: (String) -> Bool) async -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition(text) { return true }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return condition(text)
        }

        func close() {
            stop.withLock { $0 = true }
            Thread.sleep(forTimeInterval: 0.05)
            Glibc.close(slave)
            Glibc.close(master)
        }
    }

    @Test func scanOnARealTerminal() async throws {
        let world = try await KioskWorld()
        let pty = try Pty(columns: 80, rows: 24)
        defer { pty.close() }
        let session = KioskSession(settings: world.settings(), backend: world.backend)
        let runner = KioskTerminalRunner(
            session: session, terminal: TerminalDevice(input: pty.slave, output: pty.slave), tickInterval: .milliseconds(50), stopSignals: [])
        #expect(runner.terminal.isTerminal)
        let running = Task { try await runner.run() }

        #expect(await pty.wait { $0.contains("请扫描电梯二维码") })
        #expect(pty.modes.prefix(2) == ["?1049h", "?7l"])

        // The scanner types the code and Enter, the way a keyboard wedge does: in pieces.
        let code = try world.code(world.current)
        for chunk in stride(from: 0, to: code.count, by: 16) {
            pty.type(String(Array(code)[chunk..<min(chunk + 16, code.count)]))
        }
        pty.type("\r")
        #expect(await pty.wait { $0.contains("真标签：标签 N000614-1 签名验证通过") })
        var lines = pty.lines
        let numberRow = try #require(lines.firstIndex { $0.contains("N000614") && $0.contains("电梯编号") })
        let addressRow = try #require(lines.firstIndex { $0.contains("崇川区文峰街道") })
        #expect(DisplayWidth.of(lines[numberRow].prefix { $0 != "N" }) == DisplayWidth.of(lines[addressRow].prefix { $0 != "崇" }))
        #expect(pty.text.contains("陈建章  13912345678"))

        // Ctrl-C does nothing; a typed number works; a resize redraws at the new size.
        pty.type("\u{03}006109\r")
        #expect(await pty.wait { $0.contains("手动输入编号 N006109") })
        pty.resize(columns: 100, rows: 30)
        #expect(await pty.wait { text in text.split(separator: "\n", omittingEmptySubsequences: false).count == 30 && text.contains("[C] 投诉") })
        lines = pty.lines
        #expect(lines[28].contains("[C] 投诉"))

        // Escape goes back to waiting; garbage (binary, escape sequences, a long line) changes nothing
        // for good: the next scan is read.
        pty.type("\u{1B}")
        #expect(await pty.wait { $0.contains("请扫描电梯二维码") })
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }.filter { $0 != 0x18 }
        _ = garbage.withUnsafeBytes { write(pty.master, $0.baseAddress, $0.count) }
        pty.type("\u{1B}[6n\u{1B}]0;x\u{07}" + String(repeating: "电", count: 3000) + "\r")
        pty.type(try world.code(world.overdue, serial: 2) + "\r")
        #expect(await pty.wait { $0.contains("真标签：标签 N006109-2") })

        // The admin sequence leaves, and the terminal gets its normal screen back.
        pty.type(KioskWorld.adminSequence)
        let reason = try await running.value
        #expect(reason == .requested)
        #expect(await pty.wait { _ in pty.modes.last == "?1049l" })
    }
}
