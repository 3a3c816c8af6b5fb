import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import LiftCore

/// A worker's visit from the phone: the camera opens the label's page, which (for a worker signed
/// in to the console) offers 开始维保; the same label at least 30 minutes later offers 结束维保, and
/// the record is made through exactly the rules of `POST /api/v1/maintenance-records`. A label that
/// will not scan: the worker types the number and attaches a photo of the label, which the
/// regulator's review queue shows.
struct VisitController: Sendable {
    let visits: any VisitStore
    let lookup: ElevatorLookup
    let maintenance: MaintenanceController
    let labelBaseURL: String
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/visits/start", use: start)
        group.post("/visits/end", use: end)
        group.get("/visit", use: typedPage)
        group.post("/visits/typed", use: typed)
        group.get("/photos/{id}", use: photo)
    }

    static func t(_ language: Language, _ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// The worker's account with its login and unit, or 403.
    func worker(_ context: AppRequestContext, _ language: Language) throws -> (account: Account, login: String, unit: String) {
        guard let account = context.signIn?.account, account.role == .worker, let login = account.workerLogin, let unit = account.unit else {
            throw APIError(.forbidden, code: "forbidden", message: Self.t(language, "只有维保人员可以签到维保。", "only workers sign visits in"), html: true, language: language)
        }
        return (account, login, unit)
    }

    // MARK: - The panel on the label page

    /// The panel above the public card for a signed-in worker of this elevator's unit, or nil.
    func panel(signIn: ConsoleSignIn, code: LabelCode, result: ScanResult, language: Language) async throws -> String? {
        let account = signIn.account
        // The registry's unit, not the public view's (a classified elevator's page hides it).
        guard account.role == .worker, let login = account.workerLogin, result.elevator != nil,
            try await maintainedBy(account.unit, code.number)
        else { return nil }
        let t = { (zh: String, en: String) in Self.t(language, zh, en) }
        let path = String(code.text.dropFirst(code.baseURL.count + 3))
        let open = try await visits.openVisit(workerLogin: login)
        let now = now()
        let langQuery = language == .en ? "?lang=en" : ""
        if let open, open.number == code.number {
            let minutes = Int(now.timeIntervalSince(open.at) / 60)
            guard now.timeIntervalSince(open.at) >= MaintenanceRules.minimumDuration else {
                return ConsoleRenderer.shared.facts(title: t("维保进行中", "Visit in progress"), rows: [
                    (t("开始", "Started"), ShanghaiTime.format(open.at), false),
                    (t("已用时", "So far"), t("\(minutes) 分钟；满 30 分钟后可结束", "\(minutes) minutes; it can end after 30"), false),
                ])
            }
            return ConsoleRenderer.shared.form(
                id: "visit-end", title: t("结束维保", "End the visit"), action: "/console/visits/end" + langQuery,
                fields: [.init(name: "code", label: "", kind: .hidden, value: path)] + Self.itemFields(language) + [
                    .init(name: "remarks", label: t("备注", "Remarks"), kind: .textarea, maxLength: 1000),
                ],
                submit: t("结束维保并上传", "End and upload"), csrf: signIn.csrf,
                intro: t("开始于 \(ShanghaiTime.format(open.at))，已 \(minutes) 分钟。", "Started \(ShanghaiTime.format(open.at)), \(minutes) minutes ago."))
        }
        return ConsoleRenderer.shared.form(
            id: "visit-start", title: t("开始维保", "Start a visit"), action: "/console/visits/start" + langQuery,
            fields: [
                .init(name: "code", label: "", kind: .hidden, value: path),
                .init(name: "type", label: t("维保类型", "Type"), kind: .select(MaintenanceType.allCases.map { ($0.rawValue, $0.name(in: language)) }), value: MaintenanceType.halfMonth.rawValue),
            ],
            submit: t("开始维保", "Start"), csrf: signIn.csrf,
            intro: open.map { t("另有一次未结束的维保（\($0.number)），开始新的将取代它。", "Another visit (\($0.number)) is not ended; starting replaces it.") })
    }

    /// The maintenance items a worker ticks at the end.
    static let items = ["曳引机", "制动器", "门系统", "轿厢照明", "层门门锁", "紧急报警装置", "限速器", "井道"]

    static func itemFields(_ language: Language) -> [ConsoleRenderer.Field] {
        [.init(name: "items", label: t(language, "维保项目（多个用逗号分隔）", "Items (comma separated)"), value: items.prefix(3).joined(separator: ","), maxLength: 400)]
    }

    /// Whether the registry names `unit` as the elevator's maintenance unit.
    func maintainedBy(_ unit: String?, _ number: NNumber) async throws -> Bool {
        guard let unit, let facts = try await lookup.registry.facts(for: number) else { return false }
        return facts.elevator.maintenanceUnit == unit
    }

    // MARK: - Start and end by scan

    /// `POST /console/visits/start`: records the start scan (time, code, verification).
    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        let (_, login, unit) = try worker(context, language)
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        let path = form.text("code") ?? ""
        guard let type = MaintenanceType(rawValue: form["type"] ?? "") else {
            throw APIError(.badRequest, code: "bad-type", message: Self.t(language, "请选择维保类型。", "choose the maintenance type"), field: "type", html: true, language: language)
        }
        let code = try parse(path, language)
        guard try await maintainedBy(unit, code.number) else {
            throw APIError(.forbidden, code: "forbidden", message: Self.t(language, "这台电梯不由您的单位维保。", "your unit does not maintain this elevator"), html: true, language: language)
        }
        try await visits.startVisit(VisitStart(workerLogin: login, number: code.number, scan: code.text, isTyped: false, type: type, at: now()))
        return SignInController.redirect("/E/" + path, language: language)
    }

    /// `POST /console/visits/end`: the end scan makes the record, through the upload's rules.
    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        let (account, login, unit) = try worker(context, language)
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        let path = form.text("code") ?? ""
        let code = try parse(path, language)
        guard let open = try await visits.openVisit(workerLogin: login), open.number == code.number else {
            throw APIError(.conflict, code: "no-open-visit", message: Self.t(language, "这台电梯没有进行中的维保，请先开始维保。", "no visit of this elevator was started; start one first"), html: true, language: language)
        }
        let entry = try await finish(open, end: (code.text, false), form: form, account: account, login: login, unit: unit, language: language)
        return try result(entry, request: request, context: context)
    }

    /// The record from an open visit and its end: the upload's own checks and rules.
    func finish(
        _ open: VisitStart, end: (text: String, typed: Bool), form: ConsoleForm, account: Account, login: String, unit: String, language: Language
    ) async throws -> MaintenanceEntry {
        let now = now()
        let items = (form.text("items") ?? "").split(whereSeparator: { $0 == "," || $0 == "，" }).map { String($0) }
        let upload = MaintenanceUploadRequest(
            id: "console-\(login)-\(Int(open.at.timeIntervalSince1970))", type: open.type.rawValue,
            start: .init(code: open.isTyped ? nil : open.scan, number: open.isTyped ? open.scan : nil, at: Self.iso(open.at)),
            end: .init(code: end.typed ? nil : end.text, number: end.typed ? end.text : nil, at: Self.iso(now)),
            items: items, remarks: form.text("remarks"))
        let entry: MaintenanceEntry
        do {
            let checked = try upload.checked(now: now, maximumDuration: maintenance.maximumVisitDuration)
            entry = try await maintenance.submit(checked, worker: login, unit: unit, name: account.name ?? login, uploadedAt: now)
        } catch let error as APIError {
            throw APIError(error.status, code: error.code, message: error.message, field: error.field, html: true, language: language)
        }
        if let photo = open.photo { try await visits.savePhoto(photo, recordID: entry.id) }
        try await visits.endVisit(workerLogin: login)
        return entry
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return formatter.string(from: date)
    }

    func parse(_ path: String, _ language: Language) throws -> LabelCode {
        do {
            return try LabelCode.parse(path: path, baseURL: labelBaseURL)
        } catch {
            throw APIError(.badRequest, code: "bad-code", message: error.description, field: "code", html: true, language: language)
        }
    }

    /// The record's status as the worker sees it.
    func result(_ entry: MaintenanceEntry, request: Request, context: AppRequestContext) throws -> Response {
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(language, zh, en) }
        let record = entry.record
        let status = record.abnormal?.name(in: language) ?? record.status.name(in: language)
        let body = ConsoleRenderer.shared.facts(title: t("维保已上传", "Visit uploaded"), rows: [
            (t("记录", "Record"), String(entry.id), false),
            (t("电梯", "Elevator"), record.number.description, false),
            (t("开始", "Start"), ShanghaiTime.format(record.startedAt), false),
            (t("结束", "End"), ShanghaiTime.format(record.endedAt), false),
            (t("状态", "Status"), status, record.status != .passed || record.abnormal != nil),
        ])
        guard let signIn = context.signIn else { throw APIError(.unauthorized, code: "signed-out", message: "please sign in", html: true) }
        return ConsoleController.page(request, signIn: signIn, title: t("维保结果", "Visit result"), here: "/console/records", body: body, status: .created)
    }

    // MARK: - A typed number with a photo

    /// `GET /console/visit`: start (or end) a visit by typing the six digits, with a photo of the label.
    @Sendable func typedPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        let (_, login, _) = try worker(context, language)
        let t = { (zh: String, en: String) in Self.t(language, zh, en) }
        guard let signIn = context.signIn else { throw APIError(.unauthorized, code: "signed-out", message: "please sign in", html: true) }
        let open = try await visits.openVisit(workerLogin: login)
        let langQuery = language == .en ? "?lang=en" : ""
        var fields: [ConsoleRenderer.Field] = [.init(name: "number", label: t("电梯编号（六位数字）", "Elevator number (six digits)"), maxLength: 7, required: true)]
        let title: String
        if let open {
            title = t("结束维保（手工输入）", "End a visit (typed)")
            fields[0].value = open.number.description
            fields += Self.itemFields(language) + [.init(name: "remarks", label: t("备注", "Remarks"), kind: .textarea, maxLength: 1000)]
        } else {
            title = t("开始维保（手工输入）", "Start a visit (typed)")
            fields += [
                .init(name: "type", label: t("维保类型", "Type"), kind: .select(MaintenanceType.allCases.map { ($0.rawValue, $0.name(in: language)) }), value: MaintenanceType.halfMonth.rawValue),
                .init(name: "photo", label: t("标签照片（JPEG 或 PNG，最大 5 MB）", "Photo of the label (JPEG or PNG, at most 5 MB)"), kind: .file, required: true),
            ]
        }
        let body = ConsoleRenderer.shared.form(
            id: "visit-typed", title: title, action: "/console/visits/typed" + langQuery, fields: fields, submit: t("提交", "Submit"), csrf: signIn.csrf,
            intro: t("标签无法扫描时使用：记录为审核中，照片作为监管审核的凭据。", "For a label that will not scan: the record is in review, the photo its evidence."),
            multipart: open == nil)
        return ConsoleController.page(request, signIn: signIn, title: title, here: "/console/visit", body: body)
    }

    /// `POST /console/visits/typed`: the typed start (with its photo) or the typed end.
    @Sendable func typed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(language, zh, en) }
        let (account, login, unit) = try worker(context, language)
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        guard let number = try? NNumber(parsing: form.text("number") ?? "") else {
            throw APIError(.badRequest, code: "bad-number", message: t("请输入电梯编号，例如 006109。", "type the elevator number, e.g. 006109"), field: "number", html: true, language: language)
        }
        guard try await maintainedBy(unit, number) else {
            throw APIError(.forbidden, code: "forbidden", message: t("这台电梯不由您的单位维保。", "your unit does not maintain this elevator"), html: true, language: language)
        }
        if let open = try await visits.openVisit(workerLogin: login) {
            guard open.number == number else {
                throw APIError(.conflict, code: "other-visit", message: t("进行中的维保是 \(open.number)。", "the visit in progress is \(open.number)"), field: "number", html: true, language: language)
            }
            let entry = try await finish(open, end: (number.description, true), form: form, account: account, login: login, unit: unit, language: language)
            return try self.result(entry, request: request, context: context)
        }
        guard let type = MaintenanceType(rawValue: form["type"] ?? "") else {
            throw APIError(.badRequest, code: "bad-type", message: t("请选择维保类型。", "choose the maintenance type"), field: "type", html: true, language: language)
        }
        guard let data = form.files["photo"], let photo = LabelPhoto(data: data) else {
            throw APIError(.badRequest, code: "bad-photo", message: t("请附上标签照片（JPEG 或 PNG，最大 5 MB）。", "attach a photo of the label (JPEG or PNG, at most 5 MB)"), field: "photo", html: true, language: language)
        }
        try await visits.startVisit(VisitStart(workerLogin: login, number: number, scan: number.description, isTyped: true, type: type, at: now(), photo: photo))
        return SignInController.redirect("/console/visit", language: language)
    }

    /// `GET /console/photos/<record id>`: a typed record's photo, for its regulator, unit and worker.
    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        guard let account = context.signIn?.account, let id = Int64(try context.parameters.require("id")),
            let entry = try await maintenance.maintenance.maintenanceEntry(id: id), MaintenanceController.maySee(entry, account),
            let photo = try await visits.photo(recordID: id)
        else {
            throw APIError(.notFound, code: "no-photo", message: Self.t(language, "没有这张照片。", "no such photo"), html: true, language: language)
        }
        var headers = HTTPFields()
        headers[.contentType] = photo.contentType
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: photo.data)))
    }
}
