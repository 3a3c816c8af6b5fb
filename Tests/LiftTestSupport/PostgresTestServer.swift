import Foundation

/// A private PostgreSQL server for the tests: a cluster made by `initdb` in a temporary folder,
/// run by an unprivileged user (PostgreSQL refuses to run as root, and CI runs tests as root),
/// listening on a free port of 127.0.0.1 only with trust authentication, its socket in that
/// folder. It starts on first use, once per test process, and stops when the process exits
/// (a watchdog stops it too if the process dies without exiting).
///
/// Each test asks for a fresh database of its own (`makeDatabase()`), so tests stay independent
/// and run in parallel. Needs Debian's `postgresql` (`make test-deps`).
public enum PostgresTestServer {
    /// The user that owns the cluster's databases.
    public static let user = "liftcode"

    /// A running server's port and folder.
    public struct Running: Sendable {
        public let port: Int
        public let folder: URL
        let binaries: URL
    }

    private static let started = Task { try await start() }

    /// The server, started on first call.
    public static func shared() async throws -> Running {
        try await started.value
    }

    /// A new, empty database on the shared server; returns its `postgres://` address.
    public static func makeDatabase() async throws -> String {
        let server = try await shared()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let result = try await ChildProcess.run(
            server.binaries.appendingPathComponent("psql").path,
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(server.port), "-U", user, "-d", "postgres",
             "-c", "CREATE DATABASE \(name)"])
        guard result.status == 0 else { throw PostgresTestServerError("CREATE DATABASE failed: \(result.errors)") }
        return "postgres://\(user)@127.0.0.1:\(server.port)/\(name)"
    }

    /// Runs `sql` with psql as the cluster's owner on the database `address` names; returns its
    /// rows, one a line, columns split by `|`.
    public static func psql(_ address: String, _ sql: String) async throws -> String {
        let server = try await shared()
        guard let name = address.split(separator: "/").last else { throw PostgresTestServerError("no database in \(address)") }
        let result = try await ChildProcess.run(
            server.binaries.appendingPathComponent("psql").path,
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(server.port), "-U", user, "-d", String(name),
             "-c", sql])
        guard result.status == 0 else { throw PostgresTestServerError("psql failed: \(result.errors)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The folder of PostgreSQL's server programs: `LIFTCODE_PG_BIN`, else Debian's newest.
    static func binaries() throws -> URL {
        if let given = ProcessInfo.processInfo.environment["LIFTCODE_PG_BIN"] { return URL(fileURLWithPath: given, isDirectory: true) }
        let root = URL(fileURLWithPath: "/usr/lib/postgresql", isDirectory: true)
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        guard let newest = versions.compactMap(Int.init).max() else {
            throw PostgresTestServerError("PostgreSQL's server programs are not installed (make test-deps installs Debian's postgresql)")
        }
        return root.appendingPathComponent("\(newest)/bin", isDirectory: true)
    }

    private static func start() async throws -> Running {
        let binaries = try binaries()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = try unprivilegedRunner(owning: folder)
        let data = folder.appendingPathComponent("data").path
        let initdb = try await ChildProcess.run(
            runner.program, runner.arguments + [
                binaries.appendingPathComponent("initdb").path, "-D", data, "-U", user, "--auth=trust", "-E", "UTF8", "--no-locale",
                "--no-sync",
            ])
        guard initdb.status == 0 else { throw PostgresTestServerError("initdb failed: \(initdb.errors)\(initdb.output)") }
        let port = try freePort()
        // The server runs under a small shell watchdog: it stops the server (fast shutdown) as
        // soon as this test process is gone, however it ended.
        let postgres = binaries.appendingPathComponent("postgres").path
        let script = """
            "$1" -D "$2" -p "$3" -k "$4" -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=32MB \
                -c fsync=on -c synchronous_commit=on >"$4/server.log" 2>&1 &
            server=$!
            while [ -d "/proc/$5" ] && kill -0 "$server" 2>/dev/null; do sleep 1; done
            kill -INT "$server" 2>/dev/null
            wait "$server"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runner.program)
        process.arguments = runner.arguments + [
            "/bin/sh", "-c", script, "pg-watchdog", postgres, data, String(port), folder.path, String(getpid()),
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let running = Running(port: port, folder: folder, binaries: binaries)
        stopAtExit(running)
        // Ready when pg_isready says so (a condition, polled), or fail with the server's log.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let ready = try await ChildProcess.run(
                binaries.appendingPathComponent("pg_isready").path, ["-q", "-h", "127.0.0.1", "-p", String(port), "-U", user])
            if ready.status == 0 { return running }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        throw PostgresTestServerError("the test PostgreSQL server did not start on port \(port): \(log)")
    }

    /// As root: `runuser -u nobody --`, owning the folder; otherwise the current user as is.
    private static func unprivilegedRunner(owning folder: URL) throws -> (program: String, arguments: [String]) {
        guard getuid() == 0 else { return ("/usr/bin/env", []) }
        guard chown(folder.path, 65534, 65534) == 0 else { throw PostgresTestServerError("cannot give \(folder.path) to nobody") }
        return ("/usr/sbin/runuser", ["-u", "nobody", "--"])
    }

    /// A port of 127.0.0.1 nobody listens on now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw PostgresTestServerError("cannot open a socket to find a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw PostgresTestServerError("cannot find a free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The folder to stop and remove when the process exits.
    nonisolated(unsafe) private static var atExit: Running?

    private static func stopAtExit(_ running: Running) {
        atExit = running
        atexit {
            guard let running = PostgresTestServer.atExit else { return }
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: "/bin/sh")
            // Fast shutdown through the postmaster's pid file, then the folder goes.
            stop.arguments = ["-c", "kill -INT $(head -1 \"$1/data/postmaster.pid\") 2>/dev/null; rm -rf \"$1\"", "stop", running.folder.path]
            try? stop.run()
            stop.waitUntilExit()
        }
    }
}

/// The test server could not be started or used.
public struct PostgresTestServerError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
