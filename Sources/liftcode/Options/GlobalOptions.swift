import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// Options every command that touches the database or the keys shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite database file (env LIFTCODE_DATABASE).", valueName: "path"))
    var database: String = ProcessInfo.processInfo.environment["LIFTCODE_DATABASE"] ?? "liftcode.sqlite"

    @Option(help: ArgumentHelp("The key directory: *.pub.pem and *.key.pem (env LIFTCODE_KEYS).", valueName: "dir"))
    var keys: String = ProcessInfo.processInfo.environment["LIFTCODE_KEYS"] ?? "Keys"

    @Option(help: ArgumentHelp("The district table (prefix,district,note).", valueName: "file"))
    var districts: String = "Labels/districts.csv"

    @Option(help: ArgumentHelp("The street offices of each district (district,street); when present, imports and accounts are checked against it.", valueName: "file"))
    var streets: String = "Labels/streets.csv"

    /// Opens the database, creating and migrating it as needed.
    func openDatabase() throws -> AppDatabase {
        try Self.openDatabase(at: database)
    }

    /// Opens the database file at `path`, creating and migrating it as needed.
    static func openDatabase(at path: String) throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: path)
        } catch {
            throw CommandFailure("cannot open the database \(path): \(error)")
        }
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
