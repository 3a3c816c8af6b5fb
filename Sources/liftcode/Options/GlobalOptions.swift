import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// Options every command that touches the database or the keys shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite database file (env LIFTCODE_DATABASE).", valueName: "path"))
    var database: String = ProcessInfo.processInfo.environment["LIFTCODE_DATABASE"] ?? "liftcode.sqlite"

    @Option(help: ArgumentHelp("The key directory: *.pub.pem and *.key.pem.", valueName: "dir"))
    var keys: String = "Keys"

    @Option(help: ArgumentHelp("The district table (prefix,district,note).", valueName: "file"))
    var districts: String = "Labels/districts.csv"

    /// Opens the database, creating and migrating it as needed.
    func openDatabase() throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: database)
        } catch {
            throw CommandFailure("cannot open the database \(database): \(error)")
        }
    }

    /// The district table from --districts, or the built-in one when the file is absent.
    func districtDirectory() throws -> DistrictDirectory {
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
}
