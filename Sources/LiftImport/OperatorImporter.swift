import Foundation
import LiftCore

/// The files an operator loads beside the registry.
public enum OperatorImportKind: String, Sendable, CaseIterable, Codable {
    case insurance, units, workers
}

/// Loads an insurance, units or workers file into a `UnitStore`, all or nothing: the one path the
/// CLI, the admin API and the demo share.
///
///     let result = try OperatorImporter(store: database).run(.insurance, file: url)
///     print(result.summary)
public struct OperatorImporter: Sendable {
    public let store: any UnitStore
    /// Accept loopback, link-local and private webhook addresses in a units file.
    public let allowPrivateWebhooks: Bool

    public init(store: any UnitStore, allowPrivateWebhooks: Bool = false) {
        self.store = store
        self.allowPrivateWebhooks = allowPrivateWebhooks
    }

    /// Imports the file. Throws `ImportError` (with the line) and writes nothing when a row is bad.
    public func run(_ kind: OperatorImportKind, file url: URL) async throws -> OperatorImportResult {
        switch kind {
        case .insurance:
            var rows = 0
            let count = try await store.importInsurance { add in rows = try InsuranceImporter().read(url, each: add) }
            return OperatorImportResult(kind: kind, rows: rows, count: count)
        case .units:
            var report = UnitImportReport()
            let count = try await store.importUnits { add in
                report = try UnitImporter(allowPrivateWebhooks: allowPrivateWebhooks).read(url, each: add)
            }
            return OperatorImportResult(kind: kind, rows: report.rows, count: count, generatedSecrets: report.generatedSecrets)
        case .workers:
            var rows = 0
            let count = try await store.importWorkers { add in rows = try WorkerImporter().read(url, each: add) }
            return OperatorImportResult(kind: kind, rows: rows, count: count)
        }
    }
}

/// What an operator import did.
public struct OperatorImportResult: Sendable {
    public var kind: OperatorImportKind
    public var rows: Int
    public var count: OperatorImportCount
    /// Webhook secrets made for units that got a webhook without one: shown this once.
    public var generatedSecrets: [GeneratedSecret] = []

    /// "imported 12 insurance policies (10 new, 2 replaced)".
    public var summary: String {
        switch kind {
        case .insurance: "imported \(rows) insurance policies (\(count.inserted) new, \(count.updated) replacing one with the same policy number)"
        case .units: "imported \(rows) units (\(count.inserted) new, \(count.updated) updated)"
        case .workers: "imported \(rows) workers (\(count.inserted) new, \(count.updated) updated)"
        }
    }
}
