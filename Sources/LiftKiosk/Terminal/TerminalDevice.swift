#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A terminal the kiosk runs on: its input and output file descriptors, raw mode through termios,
/// its size through `TIOCGWINSZ`, and writes that finish.
public struct TerminalDevice: Sendable {
    public let input: Int32
    public let output: Int32

    /// The process's own terminal: standard input and output.
    public static let standard = TerminalDevice(input: STDIN_FILENO, output: STDOUT_FILENO)

    public init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    /// Whether both descriptors are terminals (a kiosk refuses to run on a pipe or a file).
    public var isTerminal: Bool { isatty(input) == 1 && isatty(output) == 1 }

    /// The size the terminal reports, or nil when it reports none.
    public func size() -> TerminalSize? {
        var window = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else { return nil }
        return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
    }

    /// Puts the input in raw mode: no echo, no line editing, no signals from Ctrl-C or Ctrl-Z,
    /// no flow control from Ctrl-S. Returns the settings to restore.
    public func enterRawMode() throws(TerminalError) -> termios {
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { throw TerminalError("cannot read the terminal's settings", errno: errno) }
        var raw = saved
        cfmakeraw(&raw)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else { throw TerminalError("cannot put the terminal in raw mode", errno: errno) }
        return saved
    }

    /// Restores settings saved by ``enterRawMode()``.
    public func restore(_ saved: termios) {
        var settings = saved
        _ = tcsetattr(input, TCSAFLUSH, &settings)
    }

    /// Writes all the bytes (retrying short writes and interruptions). A terminal that has gone
    /// away is ignored: the kiosk learns of it from its input.
    public func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(output, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(output, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written > 0 {
                offset += written
            } else if written < 0 && (errno == EINTR || errno == EAGAIN) {
                continue
            } else {
                return
            }
        }
    }

    /// Writes text as UTF-8.
    public func write(_ text: String) {
        write(Array(text.utf8))
    }
}

/// A terminal operation failed.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ message: String, errno code: Int32) {
        description = "\(message): \(String(cString: strerror(code)))"
    }
}
