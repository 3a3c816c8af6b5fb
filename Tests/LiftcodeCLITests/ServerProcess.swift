import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A `liftcode serve` process on a free port, its output collected as it comes.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()

    /// Starts `liftcode serve --port <free port> arguments…` in the runner's folder (or another
    /// command that serves, such as `demo`).
    init(_ cli: CLIRunner, command: String = "serve", arguments: [String]) throws {
        port = try Self.freePort()
        process.executableURL = cli.executable
        process.arguments = [command, "--port", String(port)] + arguments
        process.currentDirectoryURL = cli.folder
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil } else { self?.append(chunk, error: false) }
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil } else { self?.append(chunk, error: true) }
        }
        try process.run()
    }

    private func append(_ chunk: Data, error: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if error { errorData.append(chunk) } else { outputData.append(chunk) }
    }

    /// What the server printed so far.
    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: outputData, as: UTF8.self)
    }

    var errors: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: errorData, as: UTF8.self)
    }

    /// Waits until the standard output contains `text` (while the server runs), or the deadline.
    func waitForOutput(_ text: String, seconds: Double = 60) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.contains(text) { return true }
            if !process.isRunning { return output.contains(text) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// GETs a path, waiting for the server to accept connections; nil when it never answers.
    func get(_ path: String, headers: [String: String] = [:]) async throws -> (status: Int, body: String)? {
        try await send(path, method: "GET", headers: headers, body: nil)
    }

    /// Sends a request, retrying a refused connection until the server listens (at most 60 s).
    func send(_ path: String, method: String, headers: [String: String] = [:], body: Data?) async throws -> (status: Int, body: String)? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
            } catch {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        return nil
    }

    /// Stops the server (SIGTERM) and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// A port nothing listens on now: bound to port 0, read back, released.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CocoaError(.fileReadUnknown) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw CocoaError(.fileReadUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { throw CocoaError(.fileReadUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
