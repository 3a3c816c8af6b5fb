import Foundation
import HTTPTypes
import Hummingbird
import LiftCore
import LiftExport

/// Rescue orders behind a bearer token (issue 13). Passengers' trapped reports open orders through
/// the complaint routes; this is the staff side:
///
///     POST /api/v1/rescues                     96333 operator, regulator (own district), admin: a call taken by phone
///     GET  /api/v1/rescues                     open=, late=, escalated=, unverified=, state=, elevator=, unit=, district=, street=,
///                                              month= or from= and to=, limit=, offset=, format=xlsx|csv
///     GET  /api/v1/rescues/<id>                one order with its history
///     POST /api/v1/rescues/<id>/accept         maintainer {"rescuer", "phone"}; worker: themself
///     POST /api/v1/rescues/<id>/arrival        maintainer, worker: {"code"} as scanned (or a typed number: unverified)
///     POST /api/v1/rescues/<id>/release        maintainer, worker: people are out
///     POST /api/v1/rescues/<id>/close          maintainer, regulator, operator, admin
///     POST /api/v1/rescues/<id>/cancel         regulator, operator, admin: {"reason"}
///     GET  /api/v1/regulator/bulletin          regulator, admin: month=2026-11, district=, format=xlsx|csv
///
/// Maintainers and workers see their unit's orders, regulators their district's (or street's),
/// the 96333 line and admins every order; anything else is 403.
struct RescueController: Sendable {
    let rescues: any RescueStore
    let lookup: ElevatorLookup
    let today: @Sendable () -> CivilDate
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/rescues", use: open)
        group.get("/rescues", use: list)
        group.get("/rescues/{id}", use: show)
        group.post("/rescues/{id}/accept", use: accept)
        group.post("/rescues/{id}/arrival", use: arrival)
        group.post("/rescues/{id}/release", use: release)
        group.post("/rescues/{id}/close", use: close)
        group.post("/rescues/{id}/cancel", use: cancel)
        group.get("/regulator/bulletin", use: bulletin)
    }

    // MARK: Opening

    struct OpenRequest: Decodable {
        var elevator: String
        var phone: String?
        var note: String?
    }

    /// `POST /api/v1/rescues`: a call taken by phone opens an order (or joins the elevator's open one).
    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireRole(.emergencyOperator, .regulator, .admin)
        let input = try ComplaintController.decodeJSON(OpenRequest.self, from: try await request.collectBody(limit: context.maxUploadSize))
        guard let number = try? NNumber(parsing: input.elevator) else {
            throw APIError.badRequest("\"\(input.elevator)\" is not an elevator number (N006109 or 006109)", field: "elevator")
        }
        let phone = (input.phone ?? "").filter { $0 != " " && $0 != "-" }
        if !phone.isEmpty, !ComplaintDraft.isMainlandMobile(phone), !(phone.count <= 13 && phone.allSatisfy(\.isNumber)) {
            throw APIError.badRequest("\"\(input.phone ?? "")\" is not a phone number", field: "phone")
        }
        let note = try Self.text(input.note, field: "note", maximum: 500)
        if account.role == .regulator {
            let facts = try await lookup.registry.facts(for: number)
            if let facts, !MaintenanceController.inArea(district: facts.elevator.district, street: facts.elevator.street, of: account) {
                throw APIError.forbidden("elevator \(number) is outside your district")
            }
        }
        do {
            let order = try await rescues.openRescue(
                RescueFiling(
                    number: number, source: .phone, verification: .unverified, callerPhone: phone.isEmpty ? nil : phone, note: note,
                    receivedAt: now(), by: Self.actor(account)))
            return try .json(RescueView(order, for: account, now: now(), language: request.language, withHistory: true), status: .created)
        } catch RescueStoreError.unknownElevator(let number) {
            throw APIError(.notFound, code: "unknown-elevator", message: "elevator \(number) is not registered", field: "elevator")
        }
    }

    // MARK: Reading

    /// The orders an account may list.
    static func filter(for account: Account) throws -> RescueFilter {
        switch account.role {
        case .maintainer, .worker:
            guard let unit = account.unit else { throw APIError.forbidden("this account has no maintenance unit") }
            return RescueFilter(maintenanceUnit: unit)
        case .regulator:
            guard let district = account.district else { throw APIError.forbidden("this regulator account has no district") }
            return RescueFilter(district: district, street: account.street)
        case .emergencyOperator, .admin:
            return RescueFilter()
        case .property:
            throw APIError.forbidden("rescue orders are for maintenance units, regulators and the 96333 line")
        }
    }

    /// Whether an account may see an order.
    static func maySee(_ order: RescueOrder, _ account: Account) -> Bool {
        switch account.role {
        case .maintainer, .worker: account.unit != nil && order.maintenanceUnit == account.unit
        case .regulator: MaintenanceController.inArea(district: order.district, street: order.street, of: account)
        case .emergencyOperator, .admin: true
        case .property: false
        }
    }

    /// The query parameters of a rescue list (besides district, street, format, lang, limit, offset).
    static let listParameters = ["open", "late", "escalated", "unverified", "state", "elevator", "from", "to", "month", "unit"]

    /// The orders a list's query asks for, within the account's scope: a unit, district or street
    /// outside it is 403; a bad value 400 naming it. The API and the console's history use it alike.
    static func filter(_ query: RegulatorQuery, for account: Account) throws -> RescueFilter {
        var filter = try Self.filter(for: account)
        filter.openOnly = try query.bool("open") ?? false
        filter.lateOnly = try query.bool("late") ?? false
        filter.escalatedOnly = try query.bool("escalated") ?? false
        filter.unverifiedOnly = try query.bool("unverified") ?? false
        filter.state = try query.parse("state", as: "a rescue state (\(RescueState.allCases.map(\.rawValue).joined(separator: ", ")))", RescueState.init(rawValue:))
        filter.number = try query.parse("elevator", as: "an elevator number (N006109)") { try? NNumber(parsing: $0) }
        if let unit = try query.text("unit") {
            if let own = filter.maintenanceUnit, own != unit { throw APIError.forbidden("your account is of \(own), not \(unit)") }
            filter.maintenanceUnit = unit
        }
        if let district = try query.text("district") {
            if let own = filter.district, own != district { throw APIError.forbidden("your account supervises \(own), not \(district)") }
            filter.district = district
        }
        if let street = try query.text("street") {
            if let own = filter.street, own != street { throw APIError.forbidden("your account supervises \(own), not \(street)") }
            filter.street = street
        }
        let (from, to) = try query.dayRange()
        filter.from = from.map(ShanghaiTime.startOfDay)
        filter.to = to.map { ShanghaiTime.startOfDay($0.adding(days: 1)) }
        if let month = try Self.month(query) {
            guard from == nil && to == nil else { throw APIError.badRequest("give month or from and to, not both", field: "month") }
            filter.from = month.start
            filter.to = month.end
        }
        return filter
    }

    /// The `month` parameter (2026-11), if given.
    static func month(_ query: RegulatorQuery) throws -> CivilMonth? {
        guard let text = try query.text("month") else { return nil }
        do {
            return try CivilMonth(parsing: text)
        } catch {
            throw APIError.badRequest("month must be a month such as 2026-11, not \"\(text)\"", field: "month")
        }
    }

    /// `GET /api/v1/rescues`: newest first; JSON, or the whole list as a workbook or CSV.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let query = try RegulatorQuery(request, allowing: Self.listParameters)
        var filter = try Self.filter(query, for: account)
        let page = try query.page()  // checked for exports too: a bad value is refused, not ignored
        let at = now()
        if let format = try query.format() {
            filter.limit = 100_000
            let orders = try await rescues.rescues(filter)
            return try await Self.file(format, name: "rescues", day: today()) { url in
                try RescueExport.write(orders, now: at, format: format, to: url, language: query.language)
            }
        }
        filter.limit = page.limit + 1
        filter.offset = page.offset
        let orders = try await rescues.rescues(filter)
        struct Listing: Encodable {
            let items: [RescueView]
            let nextOffset: Int?
        }
        return try .json(Listing(
            items: orders.prefix(page.limit).map { RescueView($0, for: account, now: at, language: query.language) },
            nextOffset: orders.count > page.limit ? page.offset + page.limit : nil))
    }

    /// The order named in the path, if the account may see it.
    func order(_ context: AppRequestContext, _ account: Account) async throws -> RescueOrder {
        let id = try context.parameters.require("id").uppercased()
        guard id.utf8.count <= 32, let order = try await rescues.rescue(id: id) else {
            throw APIError(.notFound, code: "unknown-rescue", message: "no rescue order has id \(id)")
        }
        guard Self.maySee(order, account) else { throw APIError.forbidden("rescue \(order.id) is outside your scope") }
        return order
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let order = try await order(context, account)
        return try .json(RescueView(order, for: account, now: now(), language: request.language, withHistory: true))
    }

    // MARK: Moving

    /// Applies an action for an account allowed to take it.
    func act(
        _ request: Request, _ context: AppRequestContext, roles: Set<AccountRole>, action: (Account, RescueOrder) async throws -> RescueAction
    ) async throws -> Response {
        let account = try context.requireAccount()
        guard roles.contains(account.role) else {
            throw APIError.forbidden("this needs a \(roles.map(\.rawValue).sorted().joined(separator: " or ")) account; yours is \(account.role.rawValue)")
        }
        let order = try await order(context, account)
        let chosen = try await action(account, order)
        do {
            let updated = try await rescues.apply(chosen, to: order.id, by: Self.actor(account), at: now())
            return try .json(RescueView(updated, for: account, now: now(), language: request.language, withHistory: true))
        } catch let error as RescueStoreError {
            throw APIError(.conflict, code: "wrong-state", message: error.description)
        }
    }

    /// `POST …/accept`: a maintainer names the rescuer (`{"rescuer": "陈建章", "phone": "139…"}`); a
    /// worker accepts as themself.
    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.collectBody(limit: context.maxUploadSize)
        return try await act(request, context, roles: [.maintainer, .worker]) { account, _ in
            if account.role == .worker {
                return .accept(rescuer: account.name ?? account.workerLogin ?? "worker", phone: account.phone)
            }
            struct Input: Decodable {
                var rescuer: String
                var phone: String?
            }
            let input = try ComplaintController.decodeJSON(Input.self, from: body)
            guard let rescuer = try Self.text(input.rescuer, field: "rescuer", maximum: 50) else {
                throw APIError.badRequest("name the rescuer (1 to 50 characters)", field: "rescuer")
            }
            let phone = (input.phone ?? "").filter { $0 != " " && $0 != "-" }
            if !phone.isEmpty, !ComplaintDraft.isMainlandMobile(phone) {
                throw APIError.badRequest("\"\(input.phone ?? "")\" is not a mainland mobile number", field: "phone")
            }
            return .accept(rescuer: rescuer, phone: phone.isEmpty ? nil : phone)
        }
    }

    /// `POST …/arrival` with `{"code": …}`: the label scanned at the elevator. A genuine code of this
    /// elevator makes the arrival verified; a typed number or another elevator's code is recorded
    /// as unverified.
    @Sendable func arrival(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.collectBody(limit: context.maxUploadSize)
        return try await act(request, context, roles: [.maintainer, .worker]) { _, order in
            struct Input: Decodable { var code: String }
            let input = try ComplaintController.decodeJSON(Input.self, from: body)
            guard input.code.utf8.count <= 512 else { throw APIError.badRequest("the code is longer than a label's", field: "code") }
            let result = try await lookup.lookup(input.code, today: today())
            guard let check = ArrivalCheck.judge(result.verification, expected: order.number) else {
                throw APIError.badRequest("not a label code or elevator number: \(result.reason)", field: "code")
            }
            return .arrive(check)
        }
    }

    @Sendable func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context, roles: [.maintainer, .worker]) { _, _ in .release }
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context, roles: [.maintainer, .regulator, .emergencyOperator, .admin]) { _, _ in .close }
    }

    /// `POST …/cancel` with `{"reason": …}`: only the 96333 line, the regulator or an admin, so a
    /// unit cannot cancel its own late order away (a late order stays late anyway).
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.collectBody(limit: context.maxUploadSize)
        return try await act(request, context, roles: [.regulator, .emergencyOperator, .admin]) { _, _ in
            struct Input: Decodable { var reason: String }
            let input = try ComplaintController.decodeJSON(Input.self, from: body)
            guard let reason = try Self.text(input.reason, field: "reason", maximum: 200) else {
                throw APIError.badRequest("give the reason (1 to 200 characters)", field: "reason")
            }
            return .cancel(reason: reason)
        }
    }

    // MARK: Bulletin

    /// `GET /api/v1/regulator/bulletin?month=2026-11&district=崇川区&format=xlsx|csv`.
    @Sendable func bulletin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireRole(.regulator, .admin)
        let query = try RegulatorQuery(request, allowing: ["month"], paginated: false)
        let district = try Self.bulletinDistrict(query, for: account)
        guard let month = try Self.month(query) else { throw APIError.badRequest("month is required (2026-11)", field: "month") }
        let bulletin = try await bulletin(district: district, month: month, language: query.language)
        if let format = try query.format() {
            return try await Self.file(format, name: "bulletin-\(month)", day: today()) { url in
                try BulletinExport.write(bulletin, format: format, to: url, language: query.language)
            }
        }
        return try .json(bulletin)
    }

    /// The district a bulletin is for: a regulator's own (another is 403), an admin's as asked.
    static func bulletinDistrict(_ query: RegulatorQuery, for account: Account) throws -> String {
        let district = try query.text("district")
        if account.role == .regulator {
            guard let own = account.district else { throw APIError.forbidden("this regulator account has no district") }
            if let district, district != own { throw APIError.forbidden("your account supervises \(own), not \(district)") }
            return own
        }
        guard let district else { throw APIError.badRequest("district is required", field: "district") }
        return district
    }

    /// A district's bulletin for a month, as of now: the store's facts, LiftCore's arithmetic. The
    /// API, its exports and the console's bulletin screen all come from here.
    func bulletin(district: String, month: CivilMonth, language: Language) async throws -> MonthlyBulletin {
        let facts = try await rescues.bulletinFacts(district: district, month: month, asOf: now())
        return MonthlyBulletin(facts, language: language)
    }

    // MARK: Support

    /// Trimmed text of at most `maximum` characters with national ID numbers masked; nil when blank.
    static func text(_ value: String?, field: String, maximum: Int) throws -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= maximum else { throw APIError.badRequest("\(field) must be at most \(maximum) characters", field: field) }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
            throw APIError.badRequest("\(field) contains control characters", field: field)
        }
        return NationalIDMask.masking(trimmed)
    }

    /// Who did something, for an order's history.
    static func actor(_ account: Account) -> String {
        "\(account.role.rawValue) \(account.name ?? account.unit ?? account.district ?? "#\(account.id)")"
    }

    /// Writes an export to a temporary file and answers with it.
    static func file(
        _ format: ExportFormat, name: String, day: CivilDate, write: @escaping @Sendable (URL) throws -> Void
    ) async throws -> Response {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-\(name)-\(UUID().uuidString).\(format.fileExtension)")
        defer { try? FileManager.default.removeItem(at: url) }
        let data = try await RegulatorController.offLoop { () throws -> Data in
            try write(url)
            return try Data(contentsOf: url)
        }
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(name)-\(day.description).\(format.fileExtension)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
