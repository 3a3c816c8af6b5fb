import Foundation
import LiftCore

/// Runs a ``KioskMachine`` against a ``KioskBackend``: feeds it input, ticks and answers, carries
/// out its effects as tasks, and draws a new screen after every change.
///
/// The terminal runner and the tests drive the same session; tests call ``settle()`` to wait for
/// lookups and filings in flight, then read ``screen``.
public actor KioskSession {
    public private(set) var machine: KioskMachine
    public private(set) var size: TerminalSize
    public private(set) var exitRequested = false
    let backend: any KioskBackend
    let clock: @Sendable () -> Date
    let renderer: KioskRenderer
    private var inFlight: [Int: Task<Void, Never>] = [:]
    private var onScreen: (@Sendable (ScreenBuffer) -> Void)?
    private var lastDrawn: ScreenBuffer?

    public init(
        settings: KioskSettings, backend: any KioskBackend, size: TerminalSize = .standard,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.backend = backend
        self.clock = clock
        self.size = size
        machine = KioskMachine(settings: settings, now: clock())
        renderer = KioskRenderer(settings: settings)
    }

    /// The screen as it should be now.
    public var screen: ScreenBuffer { renderer.render(machine.state, size: size) }

    /// The state the screen shows.
    public var state: KioskState { machine.state }

    /// Calls `draw` with every new screen (and once now).
    public func onScreenChange(_ draw: @escaping @Sendable (ScreenBuffer) -> Void) {
        onScreen = draw
        lastDrawn = nil
        redraw()
    }

    /// Bytes from the terminal.
    public func receive(_ bytes: [UInt8]) {
        run(machine.receive(bytes, at: clock()))
    }

    /// Text typed as it would arrive from the terminal (UTF-8).
    public func type(_ text: String) {
        receive(Array(text.utf8))
    }

    /// The clock moved: idle timeout, retries, a lone Escape.
    public func tick() {
        run(machine.tick(at: clock()))
    }

    /// The terminal was resized: everything is laid out again.
    public func resize(_ newSize: TerminalSize) {
        size = newSize
        lastDrawn = nil
        redraw()
    }

    /// Waits until no lookup or filing is in flight (and their answers are on the screen).
    public func settle() async {
        while let task = inFlight.values.first {
            await task.value
        }
    }

    /// Whether a lookup or filing is in flight.
    public var isBusy: Bool { !inFlight.isEmpty }

    private func run(_ effects: [KioskEffect]) {
        for effect in effects {
            switch effect {
            case .exit:
                exitRequested = true
            case .lookup(let id, let input):
                let backend = backend
                let today = ShanghaiTime.day(of: clock())
                inFlight[id] = Task {
                    let result: Result<ScanResult, KioskBackendError>
                    do throws(KioskBackendError) {
                        result = .success(try await backend.lookup(input, today: today))
                    } catch {
                        result = .failure(error)
                    }
                    self.finishLookup(id: id, result: result)
                }
            case .file(let id, let draft, let input):
                let backend = backend
                inFlight[id] = Task {
                    let result: Result<KioskTicket, KioskBackendError>
                    do throws(KioskBackendError) {
                        result = .success(try await backend.file(draft, about: input))
                    } catch {
                        result = .failure(error)
                    }
                    self.finishFiling(id: id, result: result)
                }
            }
        }
        redraw()
    }

    private func finishLookup(id: Int, result: Result<ScanResult, KioskBackendError>) {
        inFlight[id] = nil
        run(machine.lookupFinished(id: id, result: result, at: clock()))
    }

    private func finishFiling(id: Int, result: Result<KioskTicket, KioskBackendError>) {
        inFlight[id] = nil
        run(machine.filingFinished(id: id, result: result, at: clock()))
    }

    private func redraw() {
        guard let onScreen else { return }
        let next = screen
        guard next != lastDrawn else { return }
        lastDrawn = next
        onScreen(next)
    }
}
