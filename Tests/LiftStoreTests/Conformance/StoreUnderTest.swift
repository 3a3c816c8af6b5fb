import Foundation
import LiftCore
import LiftPostgres
import LiftStore
import LiftTestSupport
import Testing

/// Everything a liftcode deployment stores, as LiftCore's protocols describe it. A store that
/// implements them all passes ``StoreConformanceTests``.
typealias LiftcodeStores = RegistryStore & LabelLedger & UnitStore & ComplaintStore & OutboxStore & AccountStore & SessionStore
    & MaintenanceStore & SupervisionStore & RescueStore & BulkLoadStore

/// The stores the conformance suite runs against. Each is a real engine: SQLite in memory (a
/// `DatabaseQueue`, as the tests use) and SQLite on disk in WAL mode (a `DatabasePool`, as `serve`
/// uses), and PostgreSQL (a fresh database on the tests' private server, `PostgresTestServer`).
enum StoreUnderTest: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqliteInMemory
    case sqliteFile
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store and what removes it afterwards.
    func make() async throws -> (store: any LiftcodeStores, remove: @Sendable () -> Void) {
        switch self {
        case .sqliteInMemory:
            return (try AppDatabase.inMemory(), {})
        case .sqliteFile:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-conformance-\(UUID().uuidString)")
            let database = try AppDatabase.open(path: folder.appendingPathComponent("liftcode.sqlite").path)
            return (database, { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            let store = try await PostgresStore.open(try PostgresAddress(parsing: try await PostgresTestServer.makeDatabase()))
            return (store, { store.close() })
        }
    }
}
