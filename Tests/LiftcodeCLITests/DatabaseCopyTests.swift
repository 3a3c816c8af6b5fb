import Foundation
import LiftTestSupport
import Testing

/// `liftcode db copy`: a whole SQLite deployment (the demo's) moved into PostgreSQL, read back
/// through the same commands, and the refusals.
@Suite struct DatabaseCopyTests {
    @Test func theDemoDeploymentMovesToPostgreSQLWhole() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let demo = try await cli.run(["demo", "--dir", "demo", "--no-serve"])
        #expect(demo.status == 0, "\(demo.errors)")
        let sqlite = ["--database", "demo/liftcode.sqlite", "--keys", "demo/Keys"]
        let target = try await PostgresTestServer.makeDatabase()
        let postgres = ["--database", target, "--keys", "demo/Keys"]

        let copy = try await cli.run(["db", "copy", "--from", "demo/liftcode.sqlite", "--to", target])
        #expect(copy.status == 0, "\(copy.errors)")
        #expect(copy.output.contains("every table's count matches"))
        let counts = Dictionary(
            copy.output.split(separator: "\n").compactMap { line -> (String, Int)? in
                let cells = line.split(separator: " ", omittingEmptySubsequences: true)
                guard cells.count == 2, let count = Int(cells[1]) else { return nil }
                return (String(cells[0]), count)
            }, uniquingKeysWith: { $1 })
        for table in ["elevator", "label", "maintenanceRecord", "complaint", "rescue", "rescueEvent", "account", "insurancePolicy"] {
            #expect((counts[table] ?? 0) > 0, "\(table) was copied: \(copy.output)")
        }

        // The same questions get the same answers from both engines.
        for question in [["accounts", "list"], ["labels", "list"], ["units", "list"], ["rescues", "list"], ["keys", "list"]] {
            let before = try await cli.run(question + sqlite)
            let after = try await cli.run(question + postgres)
            #expect(before.status == 0 && after.status == 0, "\(question): \(after.errors)")
            #expect(Self.withoutElapsedMinutes(after.output) == Self.withoutElapsedMinutes(before.output), "\(question)")
        }
        let exported = try await cli.run(["export", "maintenance", "--out", "pg.csv"] + postgres)
        let original = try await cli.run(["export", "maintenance", "--out", "sqlite.csv"] + sqlite)
        #expect(exported.status == 0 && original.status == 0, "\(exported.errors)\(original.errors)")
        let csv = try String(contentsOf: cli.url("sqlite.csv"), encoding: .utf8)
        #expect(csv.utf8.filter { $0 == UInt8(ascii: "\n") }.count > 1, "the demo has maintenance records to compare")
        #expect(try Data(contentsOf: cli.url("pg.csv")) == Data(contentsOf: cli.url("sqlite.csv")))

        // New rows continue after the copied ids.
        let added = try await cli.run(["accounts", "add", "--role", "admin", "--login", "second-admin"] + postgres)
        #expect(added.status == 0, "\(added.errors)")

        // A second copy into the now filled database is refused, and changes nothing.
        let again = try await cli.run(["db", "copy", "--from", "demo/liftcode.sqlite", "--to", target])
        #expect(again.status == 1)
        #expect(again.errors.contains("is not empty"), "\(again.errors)")
    }

    /// A listing with its cells split on runs of spaces and the minutes an open rescue has been
    /// waiting (0.1-minute steps, so two readings seconds apart differ) left out.
    static func withoutElapsedMinutes(_ listing: String) -> [[Substring]] {
        listing.split(separator: "\n").map { line in
            line.split(separator: " ").filter { cell in !cell.contains(".") || Double(cell) == nil }
        }
    }

    @Test func wrongSourcesAndTargetsAreRefusedClearly() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let missing = try await cli.run(["db", "copy", "--from", "nothing.sqlite", "--to", "postgres://liftcode@127.0.0.1:5432/x"])
        #expect(missing.status == 1 && missing.errors.contains("no SQLite database at nothing.sqlite"), "\(missing.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.url("nothing.sqlite").path), "no empty file is left behind")
        try Data().write(to: cli.url("empty.sqlite"))
        let notPostgres = try await cli.run(["db", "copy", "--from", "empty.sqlite", "--to", "other.sqlite"])
        #expect(notPostgres.status == 64 && notPostgres.errors.contains("--to must be a PostgreSQL address"), "\(notPostgres.errors)")
    }
}
