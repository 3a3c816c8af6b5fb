import Foundation
import GRDB
import LiftCore

/// The liftcode database: the registry, the label ledger, maintenance records, complaints and
/// accounts in one SQLite file, migrated on open.
///
/// On disk it is a WAL-mode `DatabasePool` (many readers, one writer); tests use an in-memory
/// `DatabaseQueue`.
public struct AppDatabase: Sendable {
    let dbWriter: any DatabaseWriter
    /// Shares commits among small writes that arrive together (complaints).
    let groupCommit: GroupCommit
    /// The deadlines new rescue orders get, per district (`Labels/rescue-deadlines.csv`).
    public var rescuePolicy = RescuePolicy()
    /// On disk: connections the label lookup reads through without a thread switch.
    let lookupReaders: LookupReaders?

    /// Wraps a connection and runs every migration it has not seen yet.
    public init(_ dbWriter: any DatabaseWriter) throws {
        self.dbWriter = dbWriter
        groupCommit = GroupCommit(writer: dbWriter)
        try Self.migrator.migrate(dbWriter)
        lookupReaders = nil
    }

    private init(pool: DatabasePool, path: String) throws {
        dbWriter = pool
        groupCommit = GroupCommit(writer: pool)
        try Self.migrator.migrate(pool)
        lookupReaders = try LookupReaders(path: path, count: max(4, ProcessInfo.processInfo.activeProcessorCount * 2))
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: makeConfiguration())
        return try AppDatabase(pool: pool, path: path)
    }

    /// Opens (creating if needed) the database file at `path` for a throwaway bulk build, such as
    /// a benchmark's: no journal and no fsync, so a build that is interrupted leaves a file to
    /// delete, never one to use. Open it with `open(path:)` once built.
    public static func openForThrowawayBuild(path: String) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -1000000")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Index builds sort with a helper thread.
            try db.execute(sql: "PRAGMA threads = 2")
        }
        return try AppDatabase(DatabaseQueue(path: path, configuration: config))
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration()))
    }

    static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.maximumReaderCount = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)
        config.prepareDatabase { db in
            // WAL with synchronous=FULL: a commit is on disk before it returns, so nothing
            // acknowledged (a label in the ledger, a filed complaint) is lost to a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -32000")
            // Statement journals (an upsert keeps one per statement) stay in memory instead of
            // costing a dozen writes to a temp file per imported row.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return config
    }

    /// Read access, for queries.
    var reader: any DatabaseReader { dbWriter }
}
