import Foundation
import LiftCore
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The liftcode stores on PostgreSQL, for deployments where several `liftcode serve` processes
/// share one database: the registry, the label ledger, maintenance records, complaints, rescues,
/// accounts and sessions, migrated on open.
///
/// Queries go through a pool of connections (`PostgresClient`); every value is a bound parameter.
/// Rules that SQLite keeps by having one writer are kept here by row locks and transaction-scoped
/// advisory locks: a worker's uploads, the ledger's numbering and registry imports are serialised
/// across every server; outbox rows are claimed with `FOR UPDATE SKIP LOCKED`.
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// How to open a connection of its own, outside the pool (the trust feed's LISTEN).
    let connectionConfiguration: PostgresConnection.Configuration
    private let runner: Task<Void, Never>
    /// Complaints filed together share a transaction.
    let complaintBatch = ComplaintBatch()
    /// Where the database is (without its password), for messages.
    public let address: PostgresAddress
    /// The deadlines new rescue orders get, per district (`Labels/rescue-deadlines.csv`).
    public let rescuePolicy: RescuePolicy

    /// How long a server holds an outbox row it claimed before another may take it over (a server
    /// killed mid-delivery leaves its rows to the others after this).
    public static let outboxClaimSeconds: Double = 60
    /// Rows of one address claimed at a time: each is tried within the worker's 10 s timeout, so
    /// all are tried well inside one claim.
    public static let outboxClaimsPerAddress = 4

    private init(
        client: PostgresClient, connectionConfiguration: PostgresConnection.Configuration, address: PostgresAddress, rescuePolicy: RescuePolicy,
        logger: Logger
    ) {
        self.client = client
        self.connectionConfiguration = connectionConfiguration
        self.address = address
        self.rescuePolicy = rescuePolicy
        self.logger = logger
        runner = Task { await client.run() }
    }

    /// Connects to the database at `address` and runs every migration it has not seen yet.
    /// Throws `PostgresStoreError.cannotConnect` with the server's reason.
    public static func open(
        _ address: PostgresAddress, rescuePolicy: RescuePolicy = RescuePolicy(), maximumConnections: Int = 20
    ) async throws -> PostgresStore {
        let tls: PostgresClient.Configuration.TLS
        let connectionTLS: PostgresConnection.Configuration.TLS
        switch address.tls {
        case .disable: (tls, connectionTLS) = (.disable, .disable)
        case .prefer:
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            (tls, connectionTLS) = (.prefer(.makeClientConfiguration()), .prefer(context))
        case .require:
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            (tls, connectionTLS) = (.require(.makeClientConfiguration()), .require(context))
        }
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password, database: address.database,
            tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        // A complaint is answered 201 only once it is on disk, whatever the server's or the
        // database's default (a DBA's `synchronous_commit = off` would acknowledge commits that a
        // crash then loses). Concurrent commits still share their WAL flushes.
        configuration.options.additionalStartupParameters = Self.sessionSettings
        var logger = Logger(label: "liftcode.postgres")
        logger.logLevel = .critical
        // One connection first: a wrong address, user or database fails now with the server's
        // reason, where the pool would keep retrying in the background.
        var connectionConfiguration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: connectionTLS)
        connectionConfiguration.options.connectTimeout = .seconds(10)
        connectionConfiguration.options.additionalStartupParameters = Self.sessionSettings
        do {
            let connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw PostgresStoreError.cannotConnect(address.description, reason: PostgresStoreError.reason(error))
        }
        let store = PostgresStore(
            client: PostgresClient(configuration: configuration), connectionConfiguration: connectionConfiguration, address: address,
            rescuePolicy: rescuePolicy, logger: logger)
        do {
            try await PostgresMigrations.migrate(store)
        } catch {
            store.close()
            throw PostgresStoreError.cannotConnect(address.description, reason: PostgresStoreError.reason(error))
        }
        return store
    }

    /// What every connection of the store sets, above the server's and the database's defaults.
    static let sessionSettings = [("synchronous_commit", "on")]

    /// How the store's connections commit: "on" means a commit returns once it is on disk.
    public func synchronousCommit() async throws -> String {
        try await scalar("SHOW synchronous_commit", as: String.self) ?? ""
    }

    /// The same database with other rescue deadlines.
    public func with(rescuePolicy: RescuePolicy) -> PostgresStore {
        PostgresStore(client: client, connectionConfiguration: connectionConfiguration, address: address, rescuePolicy: rescuePolicy, logger: logger)
    }

    /// Closes the pool's connections. The store cannot be used afterwards.
    public func close() {
        runner.cancel()
    }

    // MARK: - Running statements

    /// Runs one statement on a pooled connection and returns its rows.
    func rows(_ query: PostgresQuery) async throws -> [RowReader] {
        try await client.withConnection { connection in
            try await connection.query(query, logger: logger).readers()
        }
    }

    func rows(_ statement: SQLStatement) async throws -> [RowReader] {
        try await rows(statement.query)
    }

    /// Runs one statement and returns its first row.
    func row(_ query: PostgresQuery) async throws -> RowReader? {
        try await rows(query).first
    }

    /// Runs one statement and returns the first column of its first row.
    func scalar<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws -> Value? where Value._DecodableType == Value {
        try await rows(query).first?.firstColumn(Value.self)
    }

    /// Runs one statement for its effect.
    func execute(_ query: PostgresQuery) async throws {
        try await client.withConnection { connection in
            _ = try await connection.query(query, logger: logger).readers()
        }
    }

    /// Runs `work` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws (or when `rollback` is true: a dry run).
    func transaction<Result: Sendable>(
        rollback: Bool = false, _ work: (Transaction) async throws -> Result
    ) async throws -> Result {
        try await client.withConnection { connection in
            let transaction = Transaction(connection: connection, logger: logger)
            try await transaction.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
            let result: Result
            do {
                result = try await work(transaction)
            } catch {
                _ = try? await transaction.execute("ROLLBACK")
                throw error
            }
            try await transaction.execute(rollback ? "ROLLBACK" : "COMMIT")
            return result
        }
    }
}

/// One open transaction's connection: the statements of `PostgresStore.transaction`.
struct Transaction {
    let connection: PostgresConnection
    let logger: Logger

    func rows(_ query: PostgresQuery) async throws -> [RowReader] {
        try await connection.query(query, logger: logger).readers()
    }

    func rows(_ statement: SQLStatement) async throws -> [RowReader] {
        try await rows(statement.query)
    }

    /// The rows of a statement prepared once on this connection (see `ElevatorFactsStatement`).
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [RowReader] where Statement.Row == RowReader {
        var rows: [RowReader] = []
        for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
        return rows
    }

    func row(_ query: PostgresQuery) async throws -> RowReader? {
        try await rows(query).first
    }

    func scalar<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws -> Value? where Value._DecodableType == Value {
        try await connection.query(query, logger: logger).scalar(Value.self)
    }

    /// Runs a statement for its effect.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).readers()
    }

    /// Holds a transaction-scoped advisory lock on `name` (released at commit or rollback):
    /// every server's transactions that take the same lock run one after another.
    func lock(_ name: String) async throws {
        try await execute("SELECT pg_advisory_xact_lock(hashtext(\(name)))")
    }
}

/// Why the PostgreSQL store refused or failed.
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    case cannotConnect(String, reason: String)
    case corruptRow(String)
    case notEmpty(String)
    case unknownTable(String)
    case countMismatch(String)

    public var description: String {
        switch self {
        case .cannotConnect(let address, let reason): "cannot open the PostgreSQL database \(address): \(reason)"
        case .corruptRow(let what): "the database holds a row liftcode cannot read: \(what)"
        case .notEmpty(let what): what
        case .unknownTable(let table): "\(table) is not a liftcode table"
        case .countMismatch(let tables): "the copy's row counts differ from the source's, so nothing was written: \(tables)"
        }
    }

    /// The server's own message for a failed statement, else the error's description.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
