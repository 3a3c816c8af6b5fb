import Foundation

/// Where a PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`,
/// as `--database` and `LIFTCODE_DATABASE` name it. A password in the address is allowed but shows
/// in process lists: prefer `PGPASSWORD`. TLS is used when the server offers it (`prefer`, the
/// default), always (`require`: refuse a server without it) or never (`disable`).
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
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses an address; throws `PostgresAddressError` saying what is wrong.
    public init(parsing text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw PostgresAddressError("\(Self.redacted(text)) is not a postgres://USER@HOST:PORT/DATABASE address")
        }
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
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw PostgresAddressError(
                    "\(Self.redacted(text)): unknown option \(item.name)=\(item.value ?? ""); the only one is sslmode=disable, prefer or require")
            }
            tls = mode
        }
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

    /// The address without its password, for messages and logs.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// An address as typed, with any password blanked out.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "the address"
    }
}

/// A `--database` address that cannot name a PostgreSQL database.
public struct PostgresAddressError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
