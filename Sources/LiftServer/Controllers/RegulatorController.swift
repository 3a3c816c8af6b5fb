import Foundation
import HTTPTypes
import Hummingbird
import LiftCore
import LiftExport

/// Routes for regulators (DESIGN.md section 8): their district's or street's elevators,
/// maintenance records, abnormal records and complaints, each paginated JSON or, with
/// `?format=xlsx` or `?format=csv`, a whole export; and the daily summary per district.
///
/// A regulator sees only its own area: naming another district or street is 403. Admins see
/// every district. Unknown parameters and invalid values are 400 naming the parameter.
struct RegulatorController: Sendable {
    let supervision: any SupervisionStore
    let today: @Sendable () -> CivilDate
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/elevators", use: elevators)
        group.get("/maintenance-records", use: maintenanceRecords)
        group.get("/abnormal-records", use: abnormalRecords)
        group.get("/complaints", use: complaints)
        group.get("/summary", use: summary)
    }

    /// The elevator list's parameters.
    static let elevatorParameters = ["overdue", "inspectionDueWithin", "stopped", "unit", "building", "number", "address"]

    /// The elevator filter of a request's query (the console's lists use it too).
    func elevatorFilter(_ query: RegulatorQuery, scope: SupervisionScope) throws -> SupervisedElevatorFilter {
        var filter = SupervisedElevatorFilter(
            scope: scope, overdueOnly: try query.bool("overdue") ?? false,
            inspectionDueWithinDays: try query.integer("inspectionDueWithin", in: 0...3650), stopped: try query.bool("stopped"),
            unit: try query.text("unit"), building: try query.text("building"), today: today())
        filter.number = try query.parse("number", as: "an elevator number such as N006109") { try? NNumber(parsing: $0) }
        filter.addressContains = try query.text("address")
        return filter
    }

    /// `GET /api/v1/regulator/elevators?overdue=true&inspectionDueWithin=30&stopped=false&unit=…&building=…&number=…&address=…`
    @Sendable func elevators(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try RegulatorQuery(request, allowing: Self.elevatorParameters)
        let scope = try Self.scope(for: context, query)
        let filter = try elevatorFilter(query, scope: scope)
        let supervision = supervision
        if let format = try query.format() {
            let summary = summarySheet(scope)
            return try await export(format, name: "elevators", language: query.language, count: { try await supervision.count(filter) }) {
                try await $0.exportElevators(filter, format: format, to: $1, summary: summary)
            }
        }
        return try .json(Listing(try await supervision.supervisedElevators(filter, page: try query.page()), scope: scope))
    }

    /// `GET /api/v1/regulator/maintenance-records?from=2026-11-01&to=2026-11-25&unit=…&worker=…&status=passed`
    @Sendable func maintenanceRecords(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await records(request, context: context, abnormalOnly: false)
    }

    /// `GET /api/v1/regulator/abnormal-records?type=late-upload`: records that do not count (超时上传, 超量上传).
    @Sendable func abnormalRecords(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await records(request, context: context, abnormalOnly: true)
    }

    /// The record lists' parameters.
    static func recordParameters(abnormalOnly: Bool) -> [String] {
        ["from", "to", "unit", "worker", "status"] + (abnormalOnly ? ["type"] : [])
    }

    /// The record filter of a request's query (the console's lists use it too).
    func recordFilter(_ query: RegulatorQuery, scope: SupervisionScope, abnormalOnly: Bool) throws -> SupervisedRecordFilter {
        let (from, to) = try query.dayRange()
        return SupervisedRecordFilter(
            scope: scope, from: from, to: to, maintenanceUnit: try query.text("unit"), worker: try query.text("worker"),
            status: try query.parse("status", as: "a review status (passed, reviewing, needs-data, invalid)", ReviewStatus.init(codeOrName:)),
            abnormalOnly: abnormalOnly,
            abnormal: try query.parse("type", as: "an abnormal type (late-upload, over-quota)", AbnormalType.init(codeOrName:)))
    }

    func records(_ request: Request, context: AppRequestContext, abnormalOnly: Bool) async throws -> Response {
        let query = try RegulatorQuery(request, allowing: Self.recordParameters(abnormalOnly: abnormalOnly))
        let scope = try Self.scope(for: context, query)
        let filter = try recordFilter(query, scope: scope, abnormalOnly: abnormalOnly)
        let supervision = supervision
        if let format = try query.format() {
            let summary = summarySheet(scope)
            let name = abnormalOnly ? "abnormal-records" : "maintenance-records"
            return try await export(format, name: name, language: query.language, count: { try await supervision.count(filter) }) {
                try await $0.exportRecords(filter, format: format, to: $1, summary: summary)
            }
        }
        return try .json(Listing(try await supervision.supervisedRecords(filter, page: try query.page()), scope: scope))
    }

    /// `GET /api/v1/regulator/complaints?open=true&pastDue=true&from=…&to=…`
    /// The complaint list's parameters.
    static let complaintParameters = ["open", "pastDue", "from", "to"]

    /// The complaint filter of a request's query (the console's list uses it too).
    func complaintFilter(_ query: RegulatorQuery, scope: SupervisionScope) throws -> SupervisedComplaintFilter {
        let (from, to) = try query.dayRange()
        return SupervisedComplaintFilter(
            scope: scope, openOnly: try query.bool("open") ?? false, pastDueOnly: try query.bool("pastDue") ?? false,
            from: from, to: to, now: now())
    }

    @Sendable func complaints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try RegulatorQuery(request, allowing: Self.complaintParameters)
        let scope = try Self.scope(for: context, query)
        let filter = try complaintFilter(query, scope: scope)
        let supervision = supervision
        if let format = try query.format() {
            let summary = summarySheet(scope)
            return try await export(format, name: "complaints", language: query.language, count: { try await supervision.count(filter) }) {
                try await $0.exportComplaints(filter, format: format, to: $1, summary: summary)
            }
        }
        return try .json(Listing(try await supervision.supervisedComplaints(filter, page: try query.page()), scope: scope))
    }

    /// `GET /api/v1/regulator/summary?day=2026-11-25`: the day's figures per district (default today).
    @Sendable func summary(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try RegulatorQuery(request, allowing: ["day"], paginated: false)
        let scope = try Self.scope(for: context, query)
        let day = try query.day("day") ?? today()
        let sheet = SupervisionExporter.SummarySheet(scope: scope, day: day, now: now())
        let supervision = supervision
        if let format = try query.format() {
            return try await export(format, name: "summary", language: query.language, count: { 0 }) {
                try await $0.exportSummary(sheet, format: format, to: $1)
            }
        }
        let districts = try await supervision.dailySummary(scope, day: day, now: sheet.now)
        return try .json(SummaryBody(day: day, scope: scope, districts: districts))
    }

    struct SummaryBody: Encodable {
        let day: CivilDate
        let scope: SupervisionScope
        let districts: [DistrictSummary]
    }

    /// A page of a list with where the next one starts (absent on the last page).
    struct Listing<Item: Encodable & Sendable>: Encodable {
        let items: [Item]
        let nextOffset: Int?
        let scope: SupervisionScope

        init(_ page: ResultPage<Item>, scope: SupervisionScope) {
            items = page.items
            nextOffset = page.nextOffset
            self.scope = scope
        }
    }

    // MARK: Scope

    /// The area the request may see: a regulator's own district (and street, if its account has
    /// one); another district or street is 403. Admins choose any. Other accounts are 403.
    static func scope(for context: AppRequestContext, _ query: RegulatorQuery) throws -> SupervisionScope {
        let account = try context.requireRole(.regulator, .admin)
        let district = try query.text("district")
        let street = try query.text("street")
        guard account.role == .regulator else { return SupervisionScope(district: district, street: street) }
        guard let own = account.district else { throw APIError.forbidden("this regulator account has no district") }
        if let district, district != own {
            throw APIError.forbidden("your account supervises \(own), not \(district)")
        }
        if let ownStreet = account.street {
            if let street, street != ownStreet {
                throw APIError.forbidden("your account supervises \(own) \(ownStreet), not \(street)")
            }
            return SupervisionScope(district: own, street: ownStreet)
        }
        return SupervisionScope(district: own, street: street)
    }

    func summarySheet(_ scope: SupervisionScope) -> SupervisionExporter.SummarySheet {
        SupervisionExporter.SummarySheet(scope: scope, day: today(), now: now())
    }

    // MARK: Exports

    /// Writes the export to a temporary file (the store hands rows to the file on its own thread),
    /// then streams the file back. Memory stays bounded however many rows there are; the file is
    /// unlinked once open.
    func export(
        _ format: ExportFormat, name: String, language: Language, count: @Sendable () async throws -> Int,
        write: @Sendable (SupervisionExporter, URL) async throws -> Int
    ) async throws -> Response {
        let exporter = SupervisionExporter(store: supervision, language: language)
        let day = today()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-\(name)-\(UUID().uuidString).\(format.fileExtension)")
        let handle: FileHandle
        do {
            if let maximum = format.maximumRows {
                let rows = try await count()
                guard rows <= maximum else { throw ExportError.tooManyRows(count: rows, maximum: maximum) }
            }
            _ = try await write(exporter, url)
            handle = try FileHandle(forReadingFrom: url)
            try? FileManager.default.removeItem(at: url)
        } catch let error as ExportError {
            try? FileManager.default.removeItem(at: url)
            throw APIError.badRequest(error.description, field: "format")
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(name)-\(day.description).\(format.fileExtension)\""
        headers[.cacheControl] = "no-store"
        let reader = ExportFileReader(handle: handle)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: size) { writer in
                defer { reader.close() }
                while let chunk = try reader.next() { try await writer.write(chunk) }
                try await writer.finish(nil)
            })
    }

    /// Runs blocking database and file work on a dispatch queue instead of a concurrency thread.
    static func offLoop<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}

/// Reads an export file in 64 KB chunks for the response body; it is read by one writer at a time.
final class ExportFileReader: @unchecked Sendable {
    private let handle: FileHandle

    init(handle: FileHandle) {
        self.handle = handle
    }

    func next() throws -> ByteBuffer? {
        guard let data = try handle.read(upToCount: 1 << 16), !data.isEmpty else { return nil }
        return ByteBuffer(bytes: data)
    }

    func close() { try? handle.close() }
}

/// A regulator request's query parameters, checked: an unknown name or a bad value is a 400 that
/// names the parameter.
struct RegulatorQuery {
    static let common: Set<String> = ["district", "street", "format", "lang"]
    static let paging: Set<String> = ["limit", "offset"]
    let parameters: [String: String]
    let language: Language

    /// - Parameter ignoringEmpty: drop parameters with an empty value (a console form's blank fields).
    init(_ request: Request, allowing names: [String], paginated: Bool = true, ignoringEmpty: Bool = false) throws {
        let allowed = Self.common.union(names).union(paginated ? Self.paging : [])
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            if ignoringEmpty && value.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let name = String(name)
            guard allowed.contains(name) else {
                throw APIError.badRequest("unknown parameter \"\(name)\"; this route takes \(allowed.sorted().joined(separator: ", "))", field: name)
            }
            guard parameters[name] == nil else { throw APIError.badRequest("parameter \"\(name)\" is given twice", field: name) }
            parameters[name] = String(value)
        }
        self.parameters = parameters
        language = request.language
    }

    /// A non-empty text of at most 100 characters, or nil when absent.
    func text(_ name: String) throws -> String? {
        guard let value = parameters[name] else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw APIError.badRequest("\(name) must be 1 to 100 characters", field: name)
        }
        return trimmed
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = parameters[name] else { return nil }
        switch value.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("\(name) must be true or false, not \"\(value)\"", field: name)
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = parameters[name] else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw APIError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return number
    }

    func day(_ name: String) throws -> CivilDate? {
        guard let value = parameters[name] else { return nil }
        do {
            return try CivilDate(parsing: value)
        } catch {
            throw APIError.badRequest("\(name): \(error.description)", field: name)
        }
    }

    /// `from` and `to`, inclusive days; `to` before `from` is an error.
    func dayRange() throws -> (CivilDate?, CivilDate?) {
        let from = try day("from")
        let to = try day("to")
        if let from, let to, to < from { throw APIError.badRequest("to (\(to)) is before from (\(from))", field: "to") }
        return (from, to)
    }

    /// A value read by `parse`, or 400 describing what was expected.
    func parse<T>(_ name: String, as expected: String, _ parse: (String) -> T?) throws -> T? {
        guard let value = parameters[name] else { return nil }
        guard let parsed = parse(value) else { throw APIError.badRequest("\(name) must be \(expected), not \"\(value)\"", field: name) }
        return parsed
    }

    /// The export format, or nil for JSON.
    func format() throws -> ExportFormat? {
        guard let value = parameters["format"], value.lowercased() != "json" else { return nil }
        guard let format = ExportFormat(rawValue: value.lowercased()) else {
            throw APIError.badRequest("format must be json, xlsx or csv, not \"\(value)\"", field: "format")
        }
        return format
    }

    func page() throws -> PageRequest {
        PageRequest(
            limit: try integer("limit", in: 1...PageRequest.maximumLimit) ?? 100,
            offset: try integer("offset", in: 0...Int(Int32.max)) ?? 0)
    }
}
