import ArgumentParser
import Foundation
import LiftCore
import LiftPostgres
import LiftStore

/// Every store a command may use, whichever engine keeps them (SQLite or PostgreSQL).
typealias CommandStores = RegistryStore & LabelLedger & UnitStore & ComplaintStore & OutboxStore & AccountStore & SessionStore
    & MaintenanceStore & SupervisionStore & RescueStore & VisitStore & KeyStatusStore & BulkLoadStore

/// Options every command that touches the database or the keys shares.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The SQLite database file, or a PostgreSQL database as postgres://USER@HOST:PORT/DB (env LIFTCODE_DATABASE; default liftcode.sqlite).",
            valueName: "path|url"))
    var databaseOption: String?

    /// --database, else LIFTCODE_DATABASE, else liftcode.sqlite. Not an option's default value, so
    /// that `--help` never prints an address from the environment (it may hold a password).
    var database: String {
        databaseOption ?? ProcessInfo.processInfo.environment["LIFTCODE_DATABASE"] ?? "liftcode.sqlite"
    }

    @Option(help: ArgumentHelp("The key directory: *.pub.pem and *.key.pem (env LIFTCODE_KEYS).", valueName: "dir"))
    var keys: String = ProcessInfo.processInfo.environment["LIFTCODE_KEYS"] ?? "Keys"

    @Option(help: ArgumentHelp("The district table (prefix,district,note).", valueName: "file"))
    var districts: String = "Labels/districts.csv"

    @Option(help: ArgumentHelp("The street offices of each district (district,street); when present, imports and accounts are checked against it.", valueName: "file"))
    var streets: String = "Labels/streets.csv"

    /// Whether --database names a PostgreSQL database rather than a SQLite file.
    var isPostgres: Bool { PostgresAddress.isPostgres(database) }

    /// Opens the stores --database names, creating and migrating them as needed: a postgres://
    /// address opens PostgreSQL, anything else is a SQLite file. The one place that decides.
    func openStores(rescuePolicy: RescuePolicy = RescuePolicy()) async throws -> any CommandStores {
        try await Self.openStores(at: database, rescuePolicy: rescuePolicy)
    }

    /// Opens the stores a --database value names (see ``openStores(rescuePolicy:)``).
    static func openStores(at database: String, rescuePolicy: RescuePolicy = RescuePolicy()) async throws -> any CommandStores {
        guard PostgresAddress.isPostgres(database) else {
            var opened = try openDatabase(at: database)
            opened.rescuePolicy = rescuePolicy
            return opened
        }
        let address: PostgresAddress
        do {
            address = try PostgresAddress(parsing: database)
        } catch let error as PostgresAddressError {
            throw UsageFailure("--database: \(error.description)")
        }
        do {
            return try await PostgresStore.open(address, rescuePolicy: rescuePolicy)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// Opens the SQLite database file, creating and migrating it as needed. Commands that still
    /// need SQLite's own operations call this; a postgres:// address gets a clear refusal.
    func openDatabase() throws -> AppDatabase {
        guard !isPostgres else {
            throw UsageFailure(
                "this command works on a SQLite database file only, for now; --database names PostgreSQL (\(Self.redacted(database)))")
        }
        return try Self.openDatabase(at: database)
    }

    /// Opens the database file at `path`, creating and migrating it as needed.
    static func openDatabase(at path: String) throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: path)
        } catch {
            throw CommandFailure("cannot open the database \(path): \(error)")
        }
    }

    /// A --database value fit for messages (a PostgreSQL password blanked out).
    static func redacted(_ database: String) -> String {
        guard PostgresAddress.isPostgres(database) else { return database }
        return (try? PostgresAddress(parsing: database).description) ?? PostgresAddress.redacted(database)
    }

    /// The district table from --districts, or the built-in one when the file is absent.
    func districtDirectory() throws -> DistrictDirectory {
        try Self.districtDirectory(file: districts)
    }

    /// The district table from a file, or the built-in one when the file is absent.
    static func districtDirectory(file districts: String) throws -> DistrictDirectory {
        guard FileManager.default.fileExists(atPath: districts) else { return DefaultDistricts.directory }
        guard let text = try? String(contentsOfFile: districts, encoding: .utf8) else {
            throw CommandFailure("cannot read \(districts) as UTF-8 text")
        }
        do {
            return try DistrictDirectory(csv: text)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// The street table from --streets, or nil when the file is absent.
    func streetDirectory(districts: DistrictDirectory) throws -> StreetDirectory? {
        guard FileManager.default.fileExists(atPath: streets) else { return nil }
        guard let text = try? String(contentsOfFile: streets, encoding: .utf8) else {
            throw CommandFailure("cannot read \(streets) as UTF-8 text")
        }
        do {
            return try StreetDirectory(csv: text, districts: districts)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
