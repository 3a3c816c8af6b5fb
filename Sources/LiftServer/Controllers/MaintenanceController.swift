import Foundation
import Hummingbird
import LiftCore

/// Maintenance records behind a bearer token (DESIGN.md sections 6 and 8): workers upload visits,
/// regulators review hand-typed ones, workers supplement what review asks for, and maintainers,
/// property managers and regulators read the records and histories of their own scope (403
/// otherwise).
///
///     POST /api/v1/maintenance-records                  worker: upload (201, retry-safe by "id")
///     GET  /api/v1/maintenance-records                  worker: own; maintainer: unit's; property: its elevators'
///     GET  /api/v1/maintenance-records/<id>             one record, same scopes
///     POST /api/v1/maintenance-records/<id>/review      regulator: {"status": passed|invalid|needs-data, "note"}
///     POST /api/v1/maintenance-records/<id>/supplement  worker: {"remarks", "items"} on a needs-data record
///     GET  /api/v1/elevators/<number>/maintenance       an elevator's history, newest first
struct MaintenanceController: Sendable {
    let maintenance: any MaintenanceStore
    /// The same lookup (and signature cache) as the public label page, so a scan verifies here
    /// exactly as it does there.
    let lookup: ElevatorLookup
    let today: @Sendable () -> CivilDate
    let now: @Sendable () -> Date
    /// The longest visit accepted (ServerConfiguration).
    var maximumVisitDuration: TimeInterval = MaintenanceRules.defaultMaximumDuration

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/maintenance-records", use: upload)
        group.get("/maintenance-records", use: list)
        group.get("/maintenance-records/{id}", use: show)
        group.post("/maintenance-records/{id}/review", use: review)
        group.post("/maintenance-records/{id}/supplement", use: supplement)
        group.get("/elevators/{number}/maintenance", use: history)
    }

    // MARK: - Upload

    /// `POST /api/v1/maintenance-records`: 201 with the answer; a retry of the same id gets the
    /// same answer and stores nothing.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireRole(.worker)
        guard let login = account.workerLogin, let unit = account.unit else {
            throw APIError.forbidden("this worker account has no worker login or unit")
        }
        let uploadedAt = now()
        let input = try MaintenanceUploadRequest.decode(from: try await request.collectBody(limit: context.maxUploadSize))
        let checked = try input.checked(now: uploadedAt, maximumDuration: maximumVisitDuration)
        let entry = try await submit(checked, worker: login, unit: unit, name: account.name ?? login, uploadedAt: uploadedAt)
        return try .json(MaintenanceUploadAnswer(entry), status: .created)
    }

    /// Stores a checked visit through the bureau's rules: both scans verified as the public page
    /// verifies them, of one elevator of the worker's own unit; the store decides quota and
    /// lateness. The API's upload and the console's visit both come here. Throws `APIError`.
    func submit(_ checked: MaintenanceUploadRequest.Checked, worker login: String, unit: String, name: String, uploadedAt: Date) async throws -> MaintenanceEntry {
        let start = try await verify(checked.start, field: "start")
        let end = try await verify(checked.end, field: "end")
        guard start.number == end.number else {
            throw APIError.badRequest(
                "the start scan is of \(start.number) and the end scan of \(end.number): both must be of one elevator", field: "end")
        }
        guard let facts = start.facts else {
            throw APIError(.notFound, code: "unknown-elevator", message: "elevator \(start.number) is not registered", field: "start")
        }
        guard facts.elevator.maintenanceUnit == unit else {
            throw APIError.forbidden("elevator \(start.number) is not maintained by \(unit)")
        }
        let outcomes = [start.outcome, end.outcome]
        let record = MaintenanceRecord(
            clientID: checked.clientID, number: start.number, type: checked.type, startedAt: checked.start.at,
            endedAt: checked.end.at, uploadedAt: uploadedAt, workerLogin: login, workerName: name,
            maintenanceUnit: unit, status: MaintenanceRules.initialStatus(start: start.outcome, end: end.outcome),
            verification: outcomes.first { $0 == .counterfeit || $0 == .revoked } ?? outcomes.first { $0 != .genuine } ?? .genuine,
            items: checked.items, remarks: checked.remarks)
        let upload: MaintenanceUpload
        do {
            upload = try await maintenance.upload(record)
        } catch let error as MaintenanceStoreError {
            throw error.apiError
        }
        if upload.isRetry, !Self.sameVisit(upload.entry.record, record) {
            throw APIError(
                .conflict, code: "id-reused",
                message: "id \(checked.clientID) was already used for another visit (record \(upload.entry.id)); give each upload its own id",
                field: "id")
        }
        return upload.entry
    }

    /// Whether a retry describes the visit the stored record holds.
    static func sameVisit(_ stored: MaintenanceRecord, _ retry: MaintenanceRecord) -> Bool {
        stored.number == retry.number && stored.type == retry.type
            && abs(stored.startedAt.timeIntervalSince(retry.startedAt)) < 0.01
            && abs(stored.endedAt.timeIntervalSince(retry.endedAt)) < 0.01
    }

    /// A scan's elevator, the facts of it, and how it verified.
    struct VerifiedScan {
        var number: NNumber
        var outcome: VerificationOutcome
        var facts: ElevatorFacts?
    }

    /// Verifies a scanned code or typed number through the public page's verifier; 400 for a text
    /// that names no elevator.
    func verify(_ scan: MaintenanceUploadRequest.CheckedScan, field: String) async throws -> VerifiedScan {
        let input: ScanInput
        if scan.isTyped {
            do {
                input = .number(try NNumber(parsing: scan.text))
            } catch {
                throw APIError.badRequest("\"\(field).number\": \(error.description)", field: "\(field).number")
            }
        } else {
            do {
                input = try ScanInput(parsing: scan.text)
            } catch {
                throw APIError.badRequest("\"\(field).code\" is not a liftcode label: \(error.description)", field: "\(field).code")
            }
        }
        switch input {
        case .number(let number):
            return VerifiedScan(number: number, outcome: .unverified, facts: try await lookup.registry.facts(for: number))
        case .code(let code):
            let (verification, facts) = try await lookup.verify(code)
            // A counterfeit scan is still recorded against its elevator, flagged: its facts are read after the verdict.
            let shown = verification.outcome == .counterfeit ? try await lookup.registry.facts(for: code.number) : facts
            return VerifiedScan(number: code.number, outcome: verification.outcome, facts: shown)
        }
    }

    // MARK: - Reading

    /// The records an account may list; regulators and admins by area.
    static func filter(for account: Account) throws -> MaintenanceFilter {
        switch account.role {
        case .worker: return MaintenanceFilter(workerLogin: account.workerLogin ?? "", byUpload: true)
        case .maintainer: return MaintenanceFilter(maintenanceUnit: account.unit ?? "", byUpload: true)
        case .property: return MaintenanceFilter(userUnit: account.unit ?? "")
        case .regulator: return MaintenanceFilter(district: account.district ?? "", street: account.street)
        case .admin: return MaintenanceFilter()
        case .emergencyOperator: throw APIError.forbidden("the 96333 line does not see maintenance records")
        }
    }

    /// Whether an account may see a record: its worker, its unit, the elevator's property manager,
    /// the elevator's regulator.
    static func maySee(_ entry: MaintenanceEntry, _ account: Account) -> Bool {
        switch account.role {
        case .worker: entry.record.workerLogin == account.workerLogin
        case .maintainer: account.unit != nil && entry.record.maintenanceUnit == account.unit
        case .property: account.unit != nil && entry.userUnit == account.unit
        case .regulator: inArea(district: entry.district, street: entry.street, of: account)
        case .admin: true
        case .emergencyOperator: false
        }
    }

    /// Whether a place lies in a regulator's district (and street, when scoped to one).
    static func inArea(district: String?, street: String?, of account: Account) -> Bool {
        guard let mine = account.district, district == mine else { return false }
        guard let myStreet = account.street else { return true }
        return street == myStreet
    }

    /// `GET /api/v1/maintenance-records?status=&abnormal=&elevator=&limit=&offset=`: newest first
    /// (a worker's and a unit's by upload, a property manager's and a regulator's by end scan).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        var filter = try Self.filter(for: account)
        let query = request.uri.queryParameters
        if let text = query.get("status") {
            guard let status = ReviewStatus(codeOrName: text) else {
                throw APIError.badRequest("status must be one of \(ReviewStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
            }
            filter.status = status
        }
        if let text = query.get("abnormal") {
            guard let abnormal = AbnormalType(codeOrName: text) else {
                throw APIError.badRequest("abnormal must be late-upload or over-quota", field: "abnormal")
            }
            filter.abnormal = abnormal
        }
        if let text = query.get("elevator") {
            do {
                filter.number = try NNumber(parsing: text)
            } catch {
                throw APIError.badRequest("elevator: \(error.description)", field: "elevator")
            }
        }
        (filter.limit, filter.offset) = Self.page(request)
        let entries = try await maintenance.maintenanceEntries(filter)
        return try .json(entries.map(MaintenanceRecordView.init))
    }

    /// `limit` (1-1000, default 200) and `offset` from the query.
    static func page(_ request: Request) -> (limit: Int, offset: Int) {
        let query = request.uri.queryParameters
        let limit = min(max(Int(query.get("limit") ?? "") ?? 200, 1), 1000)
        let offset = max(Int(query.get("offset") ?? "") ?? 0, 0)
        return (limit, offset)
    }

    /// The record of the path's id, if the account may see it (404 before 403 would leak nothing
    /// more: ids are sequential, so an unknown id says no more than a forbidden one).
    func entry(_ context: AppRequestContext) async throws -> MaintenanceEntry {
        let text = try context.parameters.require("id")
        guard let id = Int64(text), id > 0, let entry = try await maintenance.maintenanceEntry(id: id) else {
            throw APIError(.notFound, code: "unknown-record", message: "no maintenance record has id \(text)")
        }
        return entry
    }

    /// `GET /api/v1/maintenance-records/<id>`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let entry = try await entry(context)
        guard Self.maySee(entry, account) else { throw APIError.forbidden("maintenance record \(entry.id) is outside your scope") }
        return try .json(MaintenanceRecordView(entry))
    }

    /// `GET /api/v1/elevators/<number>/maintenance`: for the elevator's property manager,
    /// maintenance unit and regulator.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireRole(.property, .maintainer, .regulator, .admin)
        let number: NNumber
        do {
            number = try NNumber(parsing: try context.parameters.require("number"))
        } catch let error as NNumberError {
            throw APIError.badRequest("the elevator number: \(error.description)", field: "number")
        }
        guard let facts = try await lookup.registry.facts(for: number) else {
            throw APIError(.notFound, code: "unknown-elevator", message: "elevator \(number) is not registered")
        }
        let elevator = facts.elevator
        let allowed: Bool
        switch account.role {
        case .property: allowed = account.unit != nil && elevator.userUnit == account.unit
        case .maintainer: allowed = account.unit != nil && elevator.maintenanceUnit == account.unit
        case .regulator: allowed = Self.inArea(district: elevator.district, street: elevator.street, of: account)
        case .admin: allowed = true
        case .worker, .emergencyOperator: allowed = false
        }
        guard allowed else { throw APIError.forbidden("elevator \(number) is outside your scope") }
        let (limit, offset) = Self.page(request)
        let entries = try await maintenance.maintenanceEntries(MaintenanceFilter(number: number, limit: limit + 1, offset: offset))
        return try .json(MaintenanceHistoryView(
            elevator: number.description, status: facts.status(on: today()), dueDay: facts.history.dueDay?.description,
            nextHalfMonthDue: elevator.isStopped ? nil : facts.nextHalfMonthDue?.description,
            records: entries.prefix(limit).map(MaintenanceRecordView.init),
            nextOffset: entries.count > limit ? offset + limit : nil))
    }

    // MARK: - Review and supplement

    /// The body of a review.
    struct ReviewRequest: Decodable {
        var status: String
        var note: String?
    }

    /// `POST /api/v1/maintenance-records/<id>/review`: a regulator of the elevator's area decides a
    /// `reviewing` record.
    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireRole(.regulator, .admin)
        let input = try ComplaintController.decodeJSON(ReviewRequest.self, from: try await request.collectBody(limit: context.maxUploadSize))
        let decisions: [ReviewStatus] = [.passed, .invalid, .needsData]
        guard let decision = ReviewStatus(rawValue: input.status.trimmed), decisions.contains(decision) else {
            throw APIError.badRequest("status must be passed, invalid or needs-data", field: "status")
        }
        let note = input.note.map { NationalIDMask.masking($0.trimmed) }
        if let note, note.count > 500 { throw APIError.badRequest("the note may be at most 500 characters", field: "note") }
        if decision == .needsData, note?.isEmpty ?? true {
            throw APIError.badRequest("say what data is needed in \"note\"", field: "note")
        }
        let entry = try await entry(context)
        guard account.role == .admin || Self.inArea(district: entry.district, street: entry.street, of: account) else {
            throw APIError.forbidden("elevator \(entry.record.number) is outside your district or street")
        }
        let reviewer = account.name ?? [account.district, account.street].compactMap { $0 }.joined(separator: " ")
        do {
            let updated = try await maintenance.review(
                id: entry.id, decision: decision, note: note?.isEmpty == false ? note : nil, by: reviewer.isEmpty ? "account \(account.id)" : reviewer,
                at: now())
            return try .json(MaintenanceRecordView(updated))
        } catch let error as MaintenanceStoreError {
            throw error.apiError
        }
    }

    /// The body of a supplement: new remarks and/or items.
    struct SupplementRequest: Decodable {
        var remarks: String?
        var items: [String]?
    }

    /// `POST /api/v1/maintenance-records/<id>/supplement`: the record's own worker answers a
    /// needs-data review; the record goes back to reviewing.
    @Sendable func supplement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireRole(.worker)
        let input = try ComplaintController.decodeJSON(SupplementRequest.self, from: try await request.collectBody(limit: context.maxUploadSize))
        let remarks = input.remarks.map { NationalIDMask.masking($0.trimmed) }
        let items = input.items?.map { NationalIDMask.masking($0.trimmed) }.filter { !$0.isEmpty }
        guard remarks?.isEmpty == false || items?.isEmpty == false else {
            throw APIError.badRequest("a supplement needs \"remarks\" or \"items\"", field: "remarks")
        }
        if let remarks, remarks.count > MaintenanceUploadRequest.maximumRemarksLength {
            throw APIError.badRequest("\"remarks\" may be at most \(MaintenanceUploadRequest.maximumRemarksLength) characters", field: "remarks")
        }
        if let items, items.count > MaintenanceUploadRequest.maximumItems || items.contains(where: { $0.count > MaintenanceUploadRequest.maximumItemLength }) {
            throw APIError.badRequest(
                "at most \(MaintenanceUploadRequest.maximumItems) items of \(MaintenanceUploadRequest.maximumItemLength) characters", field: "items")
        }
        let entry = try await entry(context)
        guard entry.record.workerLogin == account.workerLogin else {
            throw APIError.forbidden("maintenance record \(entry.id) was uploaded by another worker")
        }
        do {
            let updated = try await maintenance.supplement(
                id: entry.id, items: items?.isEmpty == false ? items : nil, remarks: remarks?.isEmpty == false ? remarks : nil, at: now())
            return try .json(MaintenanceRecordView(updated))
        } catch let error as MaintenanceStoreError {
            throw error.apiError
        }
    }
}

extension MaintenanceStoreError {
    /// The API's answer to this refusal.
    var apiError: APIError {
        switch self {
        case .unknownElevator: APIError(.notFound, code: "unknown-elevator", message: description)
        case .unknownRecord: APIError(.notFound, code: "unknown-record", message: description)
        case .wrongStatus: APIError(.conflict, code: "wrong-status", message: description)
        case .notADecision: APIError.badRequest(description, field: "status")
        case .overlaps: APIError(.conflict, code: "overlapping-visit", message: description, field: "start.at")
        }
    }
}
