import Foundation
import LiftCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes regulators' lists to .xlsx or .csv files: the command line's `liftcode export` and the
/// API's `?format=` both go through it, so a file looks the same whichever way it was made.
///
/// Rows stream from the store's cursor into the file. A workbook gets a second sheet with the
/// daily summary of the scope. The file is written under a temporary name beside `url` and
/// renamed when complete, so a reader never sees half a file.
///
///     let exporter = SupervisionExporter(store: database)
///     let rows = try exporter.exportRecords(filter, format: .xlsx, to: URL(fileURLWithPath: "records.xlsx"))
public struct SupervisionExporter: Sendable {
    public let store: any SupervisionStore
    public var language: Language
    /// Called with the rows written so far, every `progressInterval` rows.
    public var progressInterval = 1000

    public init(store: any SupervisionStore, language: Language = .zh) {
        self.store = store
        self.language = language
    }

    /// The summary sheet a workbook export adds: the scope's districts on a day.
    public struct SummarySheet: Sendable {
        public var scope: SupervisionScope
        public var day: CivilDate
        public var now: Date

        public init(scope: SupervisionScope, day: CivilDate, now: Date) {
            self.scope = scope
            self.day = day
            self.now = now
        }
    }

    /// Exports elevators; returns the rows written.
    @discardableResult
    public func exportElevators(
        _ filter: SupervisedElevatorFilter, format: ExportFormat, to url: URL, limit: Int? = nil, summary: SummarySheet? = nil,
        progress: ((Int) -> Void)? = nil
    ) async throws -> Int {
        try await export(SupervisionTables.elevators(language), format: format, to: url, summary: summary, progress: progress) { each in
            try await store.forEachSupervisedElevator(filter, limit: rowLimit(limit, format), each)
        }
    }

    /// Exports maintenance records (all, or only abnormal ones when the filter says so).
    @discardableResult
    public func exportRecords(
        _ filter: SupervisedRecordFilter, format: ExportFormat, to url: URL, limit: Int? = nil, summary: SummarySheet? = nil,
        progress: ((Int) -> Void)? = nil
    ) async throws -> Int {
        let table = SupervisionTables.records(language, abnormal: filter.abnormalOnly || filter.abnormal != nil)
        return try await export(table, format: format, to: url, summary: summary, progress: progress) { each in
            try await store.forEachSupervisedRecord(filter, limit: rowLimit(limit, format), each)
        }
    }

    /// Exports complaints.
    @discardableResult
    public func exportComplaints(
        _ filter: SupervisedComplaintFilter, format: ExportFormat, to url: URL, limit: Int? = nil, summary: SummarySheet? = nil,
        progress: ((Int) -> Void)? = nil
    ) async throws -> Int {
        try await export(SupervisionTables.complaints(language), format: format, to: url, summary: summary, progress: progress) { each in
            try await store.forEachSupervisedComplaint(filter, limit: rowLimit(limit, format), each)
        }
    }

    /// Exports the daily summary alone.
    @discardableResult
    public func exportSummary(_ sheet: SummarySheet, format: ExportFormat, to url: URL) async throws -> Int {
        let rows = try await store.dailySummary(sheet.scope, day: sheet.day, now: sheet.now)
        return try await export(SupervisionTables.summary(language), format: format, to: url, summary: nil, progress: nil) { each in
            for row in rows { try each(row) }
        }
    }

    /// Asks for one row more than a sheet holds, so that an overflow is noticed, not cut off.
    func rowLimit(_ limit: Int?, _ format: ExportFormat) -> Int? {
        guard let maximum = format.maximumRows else { return limit }
        return min(limit ?? Int.max, maximum + 1)
    }

    /// Writes a table from `produce`, plus the summary sheet for workbooks, under a temporary
    /// name, then renames it to `url`.
    func export<Row>(
        _ table: ExportTable<Row>, format: ExportFormat, to url: URL, summary: SummarySheet?, progress: ((Int) -> Void)?,
        produce: ((Row) throws -> Void) async throws -> Void
    ) async throws -> Int {
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: partial) }
        let writer: any TableWriter = switch format {
        case .xlsx: try XLSXWriter(url: partial)
        case .csv: try CSVWriter(url: partial)
        }
        try writer.beginTable(table.sheetName, headers: table.headers, widths: table.widths)
        var count = 0
        let maximum = format.maximumRows ?? Int.max
        try await produce { row in
            count += 1
            guard count <= maximum else { throw ExportError.tooManyRows(count: count, maximum: maximum) }
            try writer.writeRow(table.cells(row))
            if count % progressInterval == 0 { progress?(count) }
        }
        try writer.endTable()
        if format == .xlsx, let summary {
            let summaryTable = SupervisionTables.summary(language)
            try writer.beginTable(summaryTable.sheetName, headers: summaryTable.headers, widths: summaryTable.widths)
            for row in try await store.dailySummary(summary.scope, day: summary.day, now: summary.now) {
                try writer.writeRow(summaryTable.cells(row))
            }
            try writer.endTable()
        }
        try writer.finish()
        progress?(count)
        guard rename(partial.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return count
    }
}

