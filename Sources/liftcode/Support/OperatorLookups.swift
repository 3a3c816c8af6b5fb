import LiftCore
import LiftPostgres
import LiftStore

/// What commands look up and save beyond LiftCore's store protocols, on either engine (SQLite's
/// synchronous methods and PostgreSQL's asynchronous ones answer the same requirements).
protocol OperatorLookups: Sendable {
    /// The street offices the registry's elevators of a district name.
    func streets(inDistrict district: String) async throws -> Set<String>
    /// A unit by kind and name.
    func unit(named name: String, kind: Organization.Kind) async throws -> Organization?
    /// A worker by login.
    func worker(login: String) async throws -> Worker?
    /// Creates or updates a worker (by login) of a maintenance unit.
    func saveWorker(_ worker: Worker) async throws
}

extension AppDatabase: OperatorLookups {}
extension PostgresStore: OperatorLookups {}
