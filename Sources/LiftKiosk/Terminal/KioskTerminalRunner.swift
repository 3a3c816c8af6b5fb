import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a ``KioskSession`` on a real terminal: raw mode and the alternate screen, stdin read as it
/// arrives, SIGWINCH redraws at the new size, a clock tick for timeouts, and the terminal put back
/// as it was on the way out (admin sequence, Ctrl-C with --allow-exit, SIGTERM, SIGHUP, or the
/// terminal going away).
///
///     let session = KioskSession(settings: settings, backend: backend)
///     let reason = try await KioskTerminalRunner(session: session, terminal: .standard).run()
public struct KioskTerminalRunner: Sendable {
    public let session: KioskSession
    public let terminal: TerminalDevice
    /// How often the clock ticks.
    public let tickInterval: Duration
    /// Signals that end the kiosk gracefully.
    public let stopSignals: [Int32]

    /// Why the kiosk stopped.
    public enum ExitReason: Sendable, Equatable {
        /// The admin sequence, or Ctrl-C with --allow-exit.
        case requested
        /// SIGTERM, SIGHUP or SIGINT.
        case signal(Int32)
        /// The terminal's input ended.
        case inputClosed
    }

    public init(
        session: KioskSession, terminal: TerminalDevice, tickInterval: Duration = .milliseconds(100),
        stopSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT]
    ) {
        self.session = session
        self.terminal = terminal
        self.tickInterval = tickInterval
        self.stopSignals = stopSignals
    }

    private enum Event: Sendable {
        case input([UInt8])
        case inputClosed
        case resize
        case tick
        case signal(Int32)
    }

    /// Takes over the terminal until the kiosk is asked to stop.
    public func run() async throws(TerminalError) -> ExitReason {
        let saved = try terminal.enterRawMode()
        let terminal = terminal
        terminal.write(ANSIFrame.enter)
        defer {
            terminal.write(ANSIFrame.leave)
            terminal.restore(saved)
        }

        let (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
        let queue = DispatchQueue(label: "liftcode.kiosk.terminal")
        let reader = DispatchSource.makeReadSource(fileDescriptor: terminal.input, queue: queue)
        reader.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(terminal.input, $0.baseAddress, $0.count) }
            if count > 0 {
                continuation.yield(.input(Array(buffer[0..<count])))
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                continuation.yield(.inputClosed)
                reader.cancel()
            }
        }
        reader.resume()
        var signalSources: [any DispatchSourceSignal] = []
        for number in [SIGWINCH] + stopSignals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number == SIGWINCH ? .resize : .signal(number)) }
            source.resume()
            signalSources.append(source)
        }
        let interval = tickInterval
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield(.tick)
            }
        }
        defer {
            ticker.cancel()
            reader.cancel()
            for source in signalSources { source.cancel() }
            for number in stopSignals { signal(number, SIG_DFL) }
            continuation.finish()
        }

        let screenWriter = ScreenWriter(terminal: terminal)
        await session.resize(terminal.size() ?? .standard)
        await session.onScreenChange { screen in screenWriter.draw(screen) }

        for await event in events {
            switch event {
            case .input(let bytes):
                await session.receive(bytes)
                if await session.exitRequested { return .requested }
            case .tick:
                await session.tick()
            case .resize:
                await session.resize(terminal.size() ?? .standard)
            case .signal(let number):
                return .signal(number)
            case .inputClosed:
                return .inputClosed
            }
        }
        return .inputClosed
    }
}

/// Sends screens to the terminal, only the rows that changed; everything after a resize.
final class ScreenWriter: Sendable {
    let terminal: TerminalDevice
    private let shown = Mutex<ScreenBuffer?>(nil)

    init(terminal: TerminalDevice) {
        self.terminal = terminal
    }

    func draw(_ screen: ScreenBuffer) {
        shown.withLock { previous in
            var bytes: [UInt8] = []
            if previous?.size != screen.size { bytes += Array(ANSIFrame.clear.utf8) }
            bytes += ANSIFrame.encode(screen, previous: previous)
            terminal.write(bytes)
            previous = screen
        }
    }
}
