import Foundation

/// Where a PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`,
/// as `--database` and `LIFTCODE_DATABASE` name it. A password in the address is allowed but shows
/// in process lists: prefer `PGPASSWORD`. TLS is used always (`require`: refuse a server without
/// it; the default for another machine), when the server offers it (`prefer`; the default on
/// loopback) or never (`disable`).
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    /// Whether the connection is encrypted.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode = .prefer

    /// Whether a `--database` value names a PostgreSQL database rather than a SQLite file.
    /// The scheme is read in any case: `POSTGRES://…` must not become a SQLite file of that name
    /// (with the password in its path).
    public static func isPostgres(_ text: String) -> Bool {
        let lowered = text.prefix(14).lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses an address; throws `PostgresAddressError` saying what is wrong.
    public init(parsing text: String) throws {
        guard Self.isPostgres(text), var components = URLComponents(string: text) else {
            throw PostgresAddressError("\(Self.redacted(text)) is not a postgres://USER@HOST:PORT/DATABASE address")
        }
        components.scheme = components.scheme?.lowercased()
        guard let user = components.user, !user.isEmpty else {
            throw PostgresAddressError("\(Self.redacted(text)) names no user: write postgres://USER@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresAddressError("\(Self.redacted(text)) names no host: write postgres://USER@HOST:PORT/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresAddressError("\(Self.redacted(text)) names no database: write postgres://USER@HOST:PORT/DATABASE")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresAddressError("port \(port) of \(Self.redacted(text)) is not 1 to 65535") }
        var chosenTLS: TLSMode?
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                // The option's value is never shown: it may be a password (libpq's ?password=).
                throw PostgresAddressError(
                    "\(Self.redacted(text)): unknown option \(item.name); the only one is sslmode=disable, prefer or require")
            }
            chosenTLS = mode
        }
        // Off this machine, TLS unless told otherwise: with `prefer`, anyone on the path could say
        // "no TLS" and then ask for the password in clear.
        tls = chosenTLS ?? (Self.isLoopback(host) ? .prefer : .require)
        self.user = user
        self.password = components.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        self.host = host
        self.port = port
        self.database = database
    }

    public init(user: String, password: String? = nil, host: String, port: Int, database: String, tls: TLSMode = .prefer) {
        self.tls = tls
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// Whether a host is this machine (a name or address of the loopback interface).
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The address without its password, for messages and logs.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// An address as typed, with any password blanked out.
    /// Whatever stands between "://" and the last "@" (user and password) is replaced, and the
    /// options after "?" are dropped, without parsing the rest: an address that does not parse (a
    /// password with "#", "/" or "?") must not be echoed whole.
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        var rest = text[schemeEnd.upperBound...]
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        guard let at = rest.lastIndex(of: "@") else { return String(text[..<schemeEnd.upperBound] + rest) }
        let credentials = rest[..<at]
        let user = credentials.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        let shownUser = credentials.contains(":") ? user + ":***" : user
        return String(text[..<schemeEnd.upperBound]) + shownUser + String(rest[at...])
    }
}

/// A `--database` address that cannot name a PostgreSQL database.
public struct PostgresAddressError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
