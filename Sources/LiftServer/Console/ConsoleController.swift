import Foundation
import HTTPTypes
import Hummingbird
import LiftCore

/// The staff console (DESIGN.md section 8a): server-rendered screens for property managers,
/// maintenance units, regulators, workers and admins, each within the account's scope (another
/// scope is 403). Every list pages; a regulator's lists export exactly what their filters show.
struct ConsoleController: Sendable {
    let registry: any RegistryStore
    let complaints: any ComplaintStore
    let maintenance: any MaintenanceStore
    let supervision: any SupervisionStore
    let accounts: any AccountStore
    let regulator: RegulatorController
    let desk: ComplaintDesk
    let units: (any UnitStore)?
    let publishedKeys: @Sendable () -> [PublishedKey]
    let hashPassword: @Sendable (String) async throws -> String
    let today: @Sendable () -> CivilDate
    let now: @Sendable () -> Date

    static let pageSize = 50

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/home", use: home)
        group.get("/operator", use: operatorPage)
        group.get("/elevators", use: elevators)
        group.get("/elevators/{number}", use: elevator)
        group.get("/complaints", use: complaintList)
        group.get("/complaints/new", use: newComplaint)
        group.post("/complaints/new", use: fileComplaint)
        group.post("/complaints/{id}", use: handleComplaint)
        group.get("/records", use: records)
        group.post("/records/{id}/supplement", use: supplement)
        group.get("/abnormal", use: abnormal)
        group.get("/review", use: reviewQueue)
        group.post("/review/{id}", use: review)
        group.get("/summary", use: summary)
        group.get("/workers", use: workers)
        group.get("/accounts", use: accountList)
        group.post("/accounts", use: changeAccounts)
        group.get("/keys", use: keys)
        group.get("/units", use: unitList)
        group.post("/units", use: changeUnit)
        group.get("/export/{list}", use: export)
    }

    // MARK: - Frame

    /// The screens of a role, in the order of its menu.
    static func menu(for role: AccountRole, _ language: Language) -> [(name: String, href: String)] {
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let items: [(String, String, String)]
        switch role {
        case .property:
            items = [("我的电梯", "Elevators", "/console/elevators"), ("投诉", "Complaints", "/console/complaints"),
                     ("提交投诉", "File a complaint", "/console/complaints/new")]
        case .maintainer:
            items = [("投诉处理", "Complaints", "/console/complaints"), ("救援", "Rescues", "/console/rescues"),
                     ("救援记录", "Rescue history", "/console/rescues/history"), ("维保计划", "Elevators", "/console/elevators"),
                     ("维保人员", "Workers", "/console/workers"), ("维保记录", "Records", "/console/records")]
        case .regulator:
            items = [("电梯", "Elevators", "/console/elevators"), ("维保记录", "Records", "/console/records"),
                     ("异常记录", "Abnormal", "/console/abnormal"), ("审核", "Review", "/console/review"),
                     ("投诉", "Complaints", "/console/complaints"), ("救援", "Rescues", "/console/rescues"),
                     ("救援记录", "Rescue history", "/console/rescues/history"), ("定期通报", "Bulletin", "/console/bulletin"), ("日报", "Summary", "/console/summary")]
        case .worker:
            items = [("我的记录", "My records", "/console/records"), ("手工输入编号", "Typed number", "/console/visit"), ("救援", "Rescues", "/console/rescues")]
        case .emergencyOperator:
            // The 96333 line works through the rescue API; its console screen says so.
            items = [("救援", "Rescues", "/console/rescues"), ("救援记录", "Rescue history", "/console/rescues/history"), ("96333", "96333", "/console/operator")]
        case .admin:
            items = [("账号", "Accounts", "/console/accounts"), ("单位", "Units", "/console/units"), ("密钥", "Keys", "/console/keys"),
                     ("电梯", "Elevators", "/console/elevators"),
                     ("维保记录", "Records", "/console/records"), ("投诉", "Complaints", "/console/complaints"), ("日报", "Summary", "/console/summary")]
        }
        return items.map { (t($0.0, $0.1), $0.2) }
    }

    func page(
        _ request: Request, _ context: AppRequestContext, title: String, here: String, body: String, notice: String? = nil,
        error: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try Self.page(request, signIn: signedIn(context), title: title, here: here, body: body, notice: notice, error: error, status: status)
    }

    /// A console page: the account's menu (in the request's language) around `body`. Every console
    /// screen, the visit and rescue ones too, is framed here.
    static func page(
        _ request: Request, signIn: ConsoleSignIn, title: String, here: String, body: String, notice: String? = nil,
        error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = request.language
        let nav = menu(for: signIn.account.role, language).map { ($0.name, $0.href + (language == .en ? "?lang=en" : "")) }
        let html = ConsoleRenderer.shared.page(
            title: title, body: body, signIn: signIn, language: language, nav: nav, here: here + (language == .en ? "?lang=en" : ""),
            switchURL: switchURL(request), notice: notice, error: error)
        return Response.html(html, status: status)
    }

    func signedIn(_ context: AppRequestContext) throws -> ConsoleSignIn {
        guard let signIn = context.signIn else { throw APIError(.unauthorized, code: "signed-out", message: "please sign in", html: true) }
        return signIn
    }

    /// 403 unless the account's role is one of `roles`.
    func require(_ context: AppRequestContext, _ request: Request, _ roles: AccountRole...) throws -> Account {
        let account = try signedIn(context).account
        guard roles.contains(account.role) else {
            throw APIError(
                .forbidden, code: "forbidden",
                message: request.language == .zh ? "此页面不属于您的账号。" : "this screen is not for your account", html: true, language: request.language)
        }
        return account
    }

    /// The same page in the other language, query kept.
    static func switchURL(_ request: Request) -> String {
        let other = request.language == .zh ? "en" : "zh"
        var items = request.uri.queryParameters.filter { $0.key != "lang" }.map { "\($0.key)=\(Self.encode(String($0.value)))" }
        items.append("lang=\(other)")
        return request.uri.path + "?" + items.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// A link to the same list with some query parameters changed (nil removes one).
    static func link(_ request: Request, path: String? = nil, _ changes: [String: String?]) -> String {
        var parameters: [(String, String)] = request.uri.queryParameters
            .filter { changes[String($0.key)] == nil && !String($0.value).isEmpty }
            .map { (String($0.key), String($0.value)) }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { parameters.append((name, value)) }
        }
        let query = parameters.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
        return (path ?? request.uri.path) + (query.isEmpty ? "" : "?" + query)
    }

    static func t(_ request: Request, _ zh: String, _ en: String) -> String { request.language == .zh ? zh : en }

    /// The request with another path and its query's blank fields dropped (as a list drops them),
    /// for handing a console list's export to the API's own export.
    static func forwarded(_ request: Request, to path: String, dropping names: Set<String> = []) -> Request {
        let kept = request.uri.queryParameters.filter { !String($0.value).trimmingCharacters(in: .whitespaces).isEmpty && !names.contains(String($0.key)) }
        var head = request.head
        head.path = path + "?" + kept.map { "\($0.key)=\(encode(String($0.value)))" }.joined(separator: "&")
        return Request(head: head, body: request.body)
    }

    static func day(_ day: CivilDate?) -> String { day?.description ?? "" }

    static func time(_ date: Date?) -> String { date.map(ShanghaiTime.format) ?? "" }

    // MARK: - Home

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context).account
        var headers = HTTPFields()
        headers[.location] = Self.menu(for: account.role, .zh)[0].href + (request.language == .en ? "?lang=en" : "")
        return Response(status: .seeOther, headers: headers)
    }

    /// The 96333 line's page: where its work is.
    @Sendable func operatorPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .emergencyOperator)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let body = ConsoleRenderer.shared.facts(title: t("96333 应急处置", "96333 emergency line"), rows: [
            (t("开救援单", "Open a rescue"), "POST /api/v1/rescues", false),
            (t("跟踪救援", "Follow rescues"), "GET /api/v1/rescues?open=true", false),
        ])
        return try page(request, context, title: "96333", here: "/console/operator", body: body)
    }

    // MARK: - Elevators

    @Sendable func elevators(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .property, .maintainer, .regulator, .admin)
        switch account.role {
        case .regulator, .admin: return try await supervisedElevators(request, context)
        default: return try await ownElevators(request, context, account)
        }
    }

    /// A property manager's elevators, or a maintenance unit's ordered by next due maintenance.
    func ownElevators(_ request: Request, _ context: AppRequestContext, _ account: Account) async throws -> Response {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let day = today()
        let offset = max(0, Int(request.uri.queryParameters.get("offset") ?? "") ?? 0)
        var filter = ElevatorFilter(limit: 5000)
        if account.role == .property { filter.userUnit = account.unit ?? "" } else { filter.maintenanceUnit = account.unit ?? "" }
        var found = try await registry.elevators(filter)
        if account.role == .maintainer {
            // Plan visits: the soonest due first; stopped elevators last.
            found.sort { a, b in
                let x = a.elevator.isStopped ? CivilDate.distantFuture : (a.nextHalfMonthDue ?? .distantPast)
                let y = b.elevator.isStopped ? CivilDate.distantFuture : (b.nextHalfMonthDue ?? .distantPast)
                return x == y ? a.elevator.number.value < b.elevator.number.value : x < y
            }
        }
        let pageItems = found.dropFirst(offset).prefix(Self.pageSize)
        let rows = pageItems.map { facts -> ConsoleRenderer.Row in
            let status = facts.status(on: day)
            let due = facts.elevator.isStopped ? nil : facts.nextHalfMonthDue
            let dueSoon = due.map { $0 >= day && $0 <= day.adding(days: 3) } ?? false
            let inspectionPast = facts.elevator.nextInspection.map { $0 < day } ?? false
            let insurance = facts.insurance(on: day)
            let insuranceExpired = insurance.map { $0.validTo < day } ?? false
            return ConsoleRenderer.Row(
                cells: [
                    .init(facts.elevator.number.description, href: "/console/elevators/\(facts.elevator.number)" + (language == .en ? "?lang=en" : "")),
                    .init(facts.elevator.address, wrap: true),
                    .init(nil, tag: status.name(in: language), tagClass: Self.statusClass(status)),
                    .init(Self.day(due), tag: dueSoon ? t("3天内到期", "due within 3 days") : nil, tagClass: "amber"),
                    .init(Self.day(facts.elevator.nextInspection), tag: inspectionPast ? t("已过期", "past") : nil, tagClass: "red"),
                    .init(insurance.map { Self.day($0.validTo) } ?? t("无", "none"), tag: insuranceExpired ? t("已过期", "expired") : nil, tagClass: "red"),
                    .init(account.role == .property ? facts.elevator.maintenanceUnit : facts.elevator.userUnit, wrap: true),
                ],
                rowClass: Self.rowClass(status), key: facts.elevator.number.description)
        }
        let table = ConsoleRenderer.Table(
            id: "elevators",
            headers: [t("电梯编号", "Number"), t("地址", "Address"), t("维保状态", "Maintenance"), t("下次维保", "Next due"),
                      t("下次检验", "Next inspection"), t("保险到期", "Insurance to"), account.role == .property ? t("维保单位", "Maintenance unit") : t("使用单位", "User unit")],
            rows: Array(rows), empty: t("没有电梯。", "No elevators."),
            caption: t("共 \(found.count) 台", "\(found.count) elevators"),
            previous: offset > 0 ? Self.link(request, ["offset": String(max(0, offset - Self.pageSize))]) : nil,
            next: offset + Self.pageSize < found.count ? Self.link(request, ["offset": String(offset + Self.pageSize)]) : nil)
        let title = account.role == .property ? t("我的电梯", "My elevators") : t("维保计划", "Maintenance plan")
        return try page(request, context, title: title, here: "/console/elevators", body: ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language))
    }

    static func statusClass(_ status: MaintenanceStatus) -> String {
        switch status {
        case .current: "green"
        case .overdue: "red"
        case .stopped, .noRecord: ""
        }
    }

    static func rowClass(_ status: MaintenanceStatus) -> String {
        switch status {
        case .overdue: "overdue-row"
        case .stopped: "stopped-row"
        default: ""
        }
    }

    /// A regulator's elevators with the platform's query conditions.
    func supervisedElevators(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let query = try consoleQuery(request, RegulatorController.elevatorParameters)
        let scope = try RegulatorController.scope(for: context, query)
        var filter = try regulator.elevatorFilter(query, scope: scope)
        filter.today = today()
        let pageRequest = try query.page()
        let found = try await supervision.supervisedElevators(filter, page: PageRequest(limit: min(pageRequest.limit, Self.pageSize), offset: pageRequest.offset))
        let parameters = query.parameters
        let fields: [ConsoleRenderer.Field] = [
            .init(name: "number", label: t("电梯编号", "Number"), value: parameters["number"] ?? "", maxLength: 7),
            .init(name: "address", label: t("地址或注册代码", "Address or registration code"), value: parameters["address"] ?? "", maxLength: 100),
            .init(name: "building", label: t("楼盘名称", "Building"), value: parameters["building"] ?? "", maxLength: 100),
            .init(name: "unit", label: t("使用或维保单位", "User or maintenance unit"), value: parameters["unit"] ?? "", list: "units", maxLength: 100),
            .init(name: "overdue", label: t("维保超期", "Overdue"), kind: .select([("", t("全部", "All")), ("true", t("仅超期", "Overdue only"))]), value: parameters["overdue"] ?? ""),
            .init(name: "stopped", label: t("使用状态", "Service"), kind: .select([("", t("全部", "All")), ("false", t("在用", "In service")), ("true", t("停用", "Stopped"))]), value: parameters["stopped"] ?? ""),
            .init(name: "inspectionDueWithin", label: t("检验到期天数内", "Inspection due within days"), kind: .number, value: parameters["inspectionDueWithin"] ?? ""),
        ] + (language == .en ? [.init(name: "lang", label: "", kind: .hidden, value: "en")] : [])
        let units = try await unitNames(scope: scope)
        let rows = found.items.map { elevator -> ConsoleRenderer.Row in
            ConsoleRenderer.Row(
                cells: [
                    .init(elevator.number.description, href: "/console/elevators/\(elevator.number)" + (language == .en ? "?lang=en" : ""),
                          tag: elevator.isClassified ? t("涉秘", "classified") : nil),
                    .init(elevator.address, wrap: true), .init(elevator.building, wrap: true), .init(elevator.street),
                    .init(nil, tag: elevator.status.name(in: language), tagClass: Self.statusClass(elevator.status)),
                    .init(Self.day(elevator.dueDay), tag: elevator.daysOverdue.map { t("超期\($0)天", "\($0) days over") }, tagClass: "red"),
                    .init(Self.time(elevator.lastMaintenanceAt)), .init(elevator.lastWorker),
                    .init(Self.day(elevator.nextInspection), tag: elevator.inspectionOverdue ? t("已过期", "past") : nil, tagClass: "red"),
                    .init(elevator.userUnit, wrap: true), .init(elevator.maintenanceUnit, wrap: true),
                ],
                rowClass: elevator.isStopped ? "stopped-row" : Self.rowClass(elevator.status), key: elevator.number.description)
        }
        let table = ConsoleRenderer.Table(
            id: "elevators",
            headers: [t("电梯编号", "Number"), t("地址", "Address"), t("楼盘", "Building"), t("街道", "Street"), t("维保状态", "Maintenance"),
                      t("应维保日", "Due"), t("最近维保", "Last maintained"), t("维保人员", "Worker"), t("下次检验", "Next inspection"),
                      t("使用单位", "User unit"), t("维保单位", "Maintenance unit")],
            rows: rows, empty: t("没有符合条件的电梯。", "No elevators match."),
            exports: exportLinks(request, list: "elevators"),
            previous: pageRequest.offset > 0 ? Self.link(request, ["offset": String(max(0, pageRequest.offset - Self.pageSize))]) : nil,
            next: found.nextOffset.map { Self.link(request, ["offset": String($0)]) },
            position: t("第 \(pageRequest.offset + 1) 条起", "from row \(pageRequest.offset + 1)"))
        let body = ConsoleRenderer.shared.filters(fields, submit: t("查询", "Search"), datalists: ["units": units])
            + ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language)
        return try page(request, context, title: t("电梯", "Elevators"), here: "/console/elevators", body: body)
    }

    /// The console's query: the API's parameters (so exports match), blank fields ignored, and a
    /// bad value a 400 page naming it.
    func consoleQuery(_ request: Request, _ names: [String]) throws -> RegulatorQuery {
        do {
            return try RegulatorQuery(request, allowing: names, ignoringEmpty: true)
        } catch let error as APIError {
            throw APIError(error.status, code: error.code, message: error.message, field: error.field, html: true, language: request.language)
        }
    }

    /// The names of units in a scope, for the unit fields' suggestions (a datalist: the browser
    /// suggests as one types, no script needed).
    func unitNames(scope: SupervisionScope) async throws -> [String] {
        let found = try await supervision.supervisedElevators(
            SupervisedElevatorFilter(scope: scope, today: today()), page: PageRequest(limit: PageRequest.maximumLimit, offset: 0))
        return Array(Set(found.items.flatMap { [$0.userUnit, $0.maintenanceUnit].compactMap { $0 } })).sorted()
    }

    func exportLinks(_ request: Request, list: String) -> [(name: String, href: String)] {
        [("导出 Excel · xlsx", "xlsx"), ("导出 CSV", "csv")].map { label, format in
            (label, Self.link(request, path: "/console/export/\(list)", ["format": format, "offset": nil, "limit": nil]))
        }
    }

    /// `GET /console/elevators/<number>`: one elevator with its maintenance history and complaints.
    @Sendable func elevator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .property, .maintainer, .regulator, .admin)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let text = try context.parameters.require("number")
        guard let number = try? NNumber(parsing: text), let facts = try await registry.facts(for: number) else {
            throw APIError(.notFound, code: "unknown-elevator", message: t("没有这台电梯。", "no such elevator"), html: true, language: language)
        }
        let elevator = facts.elevator
        let allowed: Bool
        switch account.role {
        case .property: allowed = account.unit != nil && elevator.userUnit == account.unit
        case .maintainer: allowed = account.unit != nil && elevator.maintenanceUnit == account.unit
        case .regulator: allowed = MaintenanceController.inArea(district: elevator.district, street: elevator.street, of: account)
        case .admin: allowed = true
        case .worker, .emergencyOperator: allowed = false
        }
        guard allowed else {
            throw APIError(.forbidden, code: "forbidden", message: t("这台电梯不在您的范围内。", "this elevator is outside your scope"), html: true, language: language)
        }
        let day = today()
        let status = facts.status(on: day)
        let insurance = facts.insurance(on: day)
        let insuranceText = insurance.map { "\($0.insurer) \($0.policyNumber) → \($0.validTo)" } ?? t("无", "none")
        let insuranceExpired = insurance.map { $0.validTo < day } ?? false
        var body = ConsoleRenderer.shared.facts(title: number.description, rows: [
            (t("地址", "Address"), elevator.address, false),
            (t("维保状态", "Maintenance"), status.name(in: language), status == .overdue),
            (t("下次维保", "Next due"), Self.day(elevator.isStopped ? nil : facts.nextHalfMonthDue), false),
            (t("下次检验", "Next inspection"), Self.day(elevator.nextInspection), elevator.nextInspection.map { $0 < day } ?? false),
            (t("使用单位", "User unit"), elevator.userUnit ?? "", false),
            (t("维保单位", "Maintenance unit"), elevator.maintenanceUnit ?? "", false),
            (t("保险", "Insurance"), insuranceText, insuranceExpired),
            (t("涉秘", "Classified"), elevator.isClassified ? t("是", "yes") : t("否", "no"), false),
        ])
        let history = try await maintenance.maintenanceEntries(MaintenanceFilter(number: number, limit: 50))
        body += ConsoleRenderer.shared.table(recordTable(history, request: request, id: "history", title: nil), csrf: try signedIn(context).csrf, language: language)
        let complaintsFound = try await complaints.complaints(ComplaintFilter(number: number, limit: 50))
        body += ConsoleRenderer.shared.table(
            complaintTable(complaintsFound, request: request, account: account, workers: []), csrf: try signedIn(context).csrf, language: language)
        return try page(request, context, title: t("电梯", "Elevator") + " " + number.description, here: "/console/elevators", body: body)
    }

    // MARK: - Complaints

    @Sendable func complaintList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .property, .maintainer, .regulator, .admin)
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        if account.role == .regulator || account.role == .admin {
            return try await supervisedComplaints(request, context)
        }
        let openOnly = request.uri.queryParameters.get("open") == "true"
        let offset = max(0, Int(request.uri.queryParameters.get("offset") ?? "") ?? 0)
        var filter = try AccountController.filter(for: account, openOnly: openOnly)
        filter.limit = 5000
        var found = try await complaints.complaints(filter)
        var workerList: [Worker] = []
        if account.role == .maintainer {
            // The inbox: alarms first, then the oldest unresolved, then the rest newest first.
            found.sort { a, b in
                let (x, y) = (Self.inboxRank(a), Self.inboxRank(b))
                if x != y { return x < y }
                return x < 2 ? a.createdAt < b.createdAt : a.createdAt > b.createdAt
            }
            workerList = try await registry.workers(ofUnit: account.unit ?? "")
        }
        var table = complaintTable(Array(found.dropFirst(offset).prefix(Self.pageSize)), request: request, account: account, workers: workerList)
        table.previous = offset > 0 ? Self.link(request, ["offset": String(max(0, offset - Self.pageSize))]) : nil
        table.next = offset + Self.pageSize < found.count ? Self.link(request, ["offset": String(offset + Self.pageSize)]) : nil
        let filters = ConsoleRenderer.shared.filters(
            [.init(name: "open", label: t("状态", "State"), kind: .select([("", t("全部", "All")), ("true", t("未处理", "Open"))]), value: openOnly ? "true" : "")]
                + (language == .en ? [.init(name: "lang", label: "", kind: .hidden, value: "en")] : []),
            submit: t("筛选", "Filter"))
        let title = account.role == .maintainer ? t("投诉处理", "Complaints") : t("投诉", "Complaints")
        return try page(
            request, context, title: title, here: "/console/complaints", body: filters + ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language),
            notice: request.uri.queryParameters.get("done").map { _ in t("已保存。", "Saved.") })
    }

    /// 0 open alarms, 1 other open complaints, 2 the rest.
    static func inboxRank(_ complaint: Complaint) -> Int {
        guard complaint.state.isOpen else { return 2 }
        return complaint.draft.category == .alarm ? 0 : 1
    }

    func complaintTable(_ found: [Complaint], request: Request, account: Account, workers: [Worker]) -> ConsoleRenderer.Table {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let now = now()
        let rows = found.map { complaint -> ConsoleRenderer.Row in
            let ageDays = Int(now.timeIntervalSince(complaint.createdAt) / 86_400)
            let handles = account.role == .maintainer && complaint.routedTo == account.unit
            var actions: [ConsoleRenderer.Action] = []
            let target = "/console/complaints/\(complaint.publicID)" + (language == .en ? "?lang=en" : "")
            if handles && complaint.state.isOpen {
                if complaint.state != .acknowledged {
                    actions.append(.init(action: target, name: "acknowledge", label: t("确认", "Acknowledge")))
                }
                if !workers.isEmpty {
                    actions.append(.init(
                        action: target, name: "assign", label: t("指派", "Assign"),
                        fields: [.init(name: "worker", label: "", kind: .select(workers.map { ($0.login, "\($0.name) \($0.login)") }), value: complaint.routedWorker ?? "")]))
                }
                actions.append(.init(
                    action: target, name: "resolve", label: t("处理完毕", "Resolve"),
                    fields: [.init(name: "resolution", label: "", kind: .text, maxLength: 1000, required: true, placeholder: t("处理结果", "Resolution"))]))
            }
            return ConsoleRenderer.Row(
                cells: [
                    // A property manager filed this one: its own ticket page (the ticket is the reporter's).
                    .init(complaint.publicID, href: account.role == .property && complaint.draft.role == .property ? "/T/\(complaint.ticket)" : nil),
                    .init(complaint.number.description),
                    .init(complaint.draft.category.name(in: language), tag: complaint.draft.category == .alarm ? t("报警", "alarm") : nil, tagClass: "red"),
                    .init(complaint.draft.problem?.name(in: language)), .init(complaint.draft.text, wrap: true),
                    // The reporter's phone: the maintenance unit's alone.
                    .init(account.role == .maintainer ? complaint.draft.phone : nil),
                    .init(complaint.state.name(in: language)), .init(complaint.routedWorker),
                    .init(Self.time(complaint.createdAt), tag: complaint.state.isOpen && ageDays >= 7 ? t("逾期", "past due") : nil, tagClass: "red"),
                    .init(t("\(ageDays) 天", "\(ageDays) d")), .init(complaint.resolution, wrap: true),
                ],
                rowClass: complaint.draft.category == .alarm && complaint.state.isOpen ? "alarm-row" : "", key: complaint.publicID, actions: actions)
        }
        return ConsoleRenderer.Table(
            id: "complaints",
            headers: [t("编号", "Id"), t("电梯", "Elevator"), t("类别", "Category"), t("问题", "Problem"), t("说明", "Text"),
                      t("联系电话", "Phone"), t("状态", "State"), t("维保人员", "Worker"), t("提交时间", "Filed"), t("时长", "Age"),
                      t("处理结果", "Resolution")],
            rows: rows, empty: t("没有投诉。", "No complaints."))
    }

    /// `POST /console/complaints/<id>`: acknowledge, assign or resolve (the maintenance unit's).
    @Sendable func handleComplaint(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .maintainer)
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        let id = try context.parameters.require("id").uppercased()
        guard id.utf8.count <= 32, let complaint = try await complaints.complaint(publicID: id) else {
            throw APIError(.notFound, code: "unknown-complaint", message: t("没有这条投诉。", "no such complaint"), html: true, language: language)
        }
        guard complaint.routedTo != nil, complaint.routedTo == account.unit else {
            throw APIError(.forbidden, code: "forbidden", message: t("这条投诉不归您的单位处理。", "this complaint is not routed to your unit"), html: true, language: language)
        }
        let by = account.name ?? account.unit ?? "account \(account.id)"
        do {
            switch form["do"] {
            case "acknowledge":
                _ = try await complaints.acknowledge(ticket: complaint.ticket, by: by, at: now())
            case "assign":
                let login = form.text("worker") ?? ""
                guard let worker = try await registry.workers(ofUnit: account.unit ?? "").first(where: { $0.login == login }) else {
                    throw APIError(.badRequest, code: "unknown-worker", message: t("请选择本单位的维保人员。", "choose one of your unit's workers"), field: "worker", html: true, language: language)
                }
                _ = try await complaints.assign(ticket: complaint.ticket, workerLogin: worker.login, workerName: worker.name, by: by, at: now())
            case "resolve":
                let resolution = NationalIDMask.masking(form.text("resolution") ?? "")
                guard (1...1000).contains(resolution.count) else {
                    throw APIError(.badRequest, code: "bad-resolution", message: t("请填写处理结果（1 至 1000 字）。", "describe the resolution (1 to 1000 characters)"), field: "resolution", html: true, language: language)
                }
                _ = try await complaints.resolve(ticket: complaint.ticket, resolution: resolution, by: by, at: now())
            default:
                throw APIError(.badRequest, code: "bad-action", message: t("未知操作。", "unknown action"), html: true, language: language)
            }
        } catch let error as ComplaintStoreError {
            throw APIError(error.status, code: "wrong-state", message: error.description, html: true, language: language)
        }
        return SignInController.redirect("/console/complaints?done=1" + (language == .en ? "&lang=en" : ""), language: .zh)
    }

    /// `GET /console/complaints/new`: a property manager files a complaint on one of its elevators.
    @Sendable func newComplaint(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .property)
        return try await complaintForm(request, context, account: account)
    }

    func complaintForm(_ request: Request, _ context: AppRequestContext, account: Account, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let own = try await registry.elevators(ElevatorFilter(userUnit: account.unit ?? "", limit: 5000))
        let form = ConsoleRenderer.shared.form(
            id: "file-complaint", title: t("提交投诉", "File a complaint"), action: "/console/complaints/new" + (language == .en ? "?lang=en" : ""),
            fields: [
                .init(name: "elevator", label: t("电梯", "Elevator"), kind: .select(own.map { ($0.elevator.number.description, "\($0.elevator.number) \($0.elevator.address)") })),
                .init(name: "category", label: t("类别", "Category"), kind: .select(ComplaintCategory.allCases.map { ($0.rawValue, $0.name(in: language)) }), value: "complaint"),
                .init(name: "problem", label: t("问题", "Problem"), kind: .select(ComplaintProblem.allCases.map { ($0.rawValue, $0.name(in: language)) })),
                .init(name: "text", label: t("说明（可选）", "Details (optional)"), kind: .textarea, maxLength: ComplaintDraft.maximumTextLength),
            ],
            submit: t("提交", "Submit"), csrf: try signedIn(context).csrf,
            intro: t("被困请立即拨打 96333。投诉将直接转交维保单位。", "People trapped? Call 96333 now. The complaint goes straight to the maintenance unit."))
        return try page(request, context, title: t("提交投诉", "File a complaint"), here: "/console/complaints/new", body: form, error: error, status: status)
    }

    /// `POST /console/complaints/new`: through the same intake as every other door.
    @Sendable func fileComplaint(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .property)
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        guard let text = form.text("elevator"), let number = try? NNumber(parsing: text),
            let facts = try await registry.facts(for: number), facts.elevator.userUnit == account.unit
        else {
            return try await complaintForm(request, context, account: account, error: t("请选择本单位的电梯。", "choose one of your elevators"), status: .badRequest)
        }
        guard let category = ComplaintCategory(rawValue: form["category"] ?? "") else {
            return try await complaintForm(request, context, account: account, error: t("请选择类别。", "choose a category"), status: .badRequest)
        }
        let problem = form.text("problem").flatMap(ComplaintProblem.init(rawValue:))
        let draft = ComplaintDraft(category: category, problem: problem, text: form.text("text"), role: .property)
        do {
            _ = try await desk.file(draft, about: .number(facts.elevator.number.description), clientAddress: context.clientAddress, html: true, language: language)
        } catch let error as APIError where error.status == .badRequest {
            return try await complaintForm(request, context, account: account, error: error.message, status: .badRequest)
        }
        return SignInController.redirect("/console/complaints?done=1" + (language == .en ? "&lang=en" : ""), language: .zh)
    }

    /// A regulator's complaints (open, past due), with exports.
    func supervisedComplaints(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let query = try consoleQuery(request, RegulatorController.complaintParameters)
        let scope = try RegulatorController.scope(for: context, query)
        let filter = try regulator.complaintFilter(query, scope: scope)
        let pageRequest = try query.page()
        let found = try await supervision.supervisedComplaints(filter, page: PageRequest(limit: min(pageRequest.limit, Self.pageSize), offset: pageRequest.offset))
        let parameters = query.parameters
        let fields: [ConsoleRenderer.Field] = [
            .init(name: "open", label: t("状态", "State"), kind: .select([("", t("全部", "All")), ("true", t("未处理", "Open"))]), value: parameters["open"] ?? ""),
            .init(name: "pastDue", label: t("逾期（7天未处理）", "Past due (open 7 days)"), kind: .select([("", t("全部", "All")), ("true", t("仅逾期", "Past due only"))]), value: parameters["pastDue"] ?? ""),
            .init(name: "from", label: t("起始日期", "From"), kind: .date, value: parameters["from"] ?? ""),
            .init(name: "to", label: t("截止日期", "To"), kind: .date, value: parameters["to"] ?? ""),
        ] + (language == .en ? [.init(name: "lang", label: "", kind: .hidden, value: "en")] : [])
        let rows = found.items.map { complaint in
            ConsoleRenderer.Row(
                cells: [
                    .init(complaint.id), .init(complaint.number.description, href: "/console/elevators/\(complaint.number)"),
                    .init(complaint.category.name(in: language)), .init(complaint.problem?.name(in: language)), .init(complaint.text, wrap: true),
                    .init(complaint.state.name(in: language), tag: complaint.isPastDue ? t("逾期", "past due") : nil, tagClass: "red"),
                    .init(complaint.routedTo, wrap: true), .init(Self.time(complaint.createdAt)),
                ],
                rowClass: complaint.isPastDue ? "overdue-row" : "", key: complaint.id)
        }
        let table = ConsoleRenderer.Table(
            id: "complaints",
            headers: [t("编号", "Id"), t("电梯", "Elevator"), t("类别", "Category"), t("问题", "Problem"), t("说明", "Text"), t("状态", "State"),
                      t("转交", "Routed to"), t("提交时间", "Filed")],
            rows: rows, empty: t("没有投诉。", "No complaints."), exports: exportLinks(request, list: "complaints"),
            previous: pageRequest.offset > 0 ? Self.link(request, ["offset": String(max(0, pageRequest.offset - Self.pageSize))]) : nil,
            next: found.nextOffset.map { Self.link(request, ["offset": String($0)]) })
        let body = ConsoleRenderer.shared.filters(fields, submit: t("查询", "Search")) + ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language)
        return try page(request, context, title: t("投诉", "Complaints"), here: "/console/complaints", body: body)
    }

    // MARK: - Maintenance records

    func recordTable(_ entries: [MaintenanceEntry], request: Request, id: String, title: String?, actions: (MaintenanceEntry) -> [ConsoleRenderer.Action] = { _ in [] }) -> ConsoleRenderer.Table {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let rows = entries.map { entry -> ConsoleRenderer.Row in
            let record = entry.record
            return ConsoleRenderer.Row(
                cells: [
                    .init(String(entry.id)), .init(record.number.description), .init(record.type.name(in: language)),
                    .init(Self.time(record.startedAt)), .init(Self.time(record.endedAt)), .init(Self.time(record.uploadedAt)),
                    .init(record.workerName),
                    .init(nil, tag: record.status.name(in: language), tagClass: record.status == .passed ? "green" : record.status == .invalid ? "red" : "amber"),
                    .init(nil, tag: record.abnormal?.name(in: language), tagClass: "red"),
                    // A typed number's evidence: the photo of the label the worker attached.
                    .init(record.verification.rawValue, href: record.verification == .unverified ? "/console/photos/\(entry.id)" : nil),
                    .init(record.remarks, wrap: true), .init(entry.review?.note, wrap: true),
                ],
                key: String(entry.id), actions: actions(entry))
        }
        return ConsoleRenderer.Table(
            id: id,
            headers: [t("记录", "Record"), t("电梯", "Elevator"), t("类型", "Type"), t("开始", "Start"), t("结束", "End"), t("上传", "Uploaded"),
                      t("维保人员", "Worker"), t("状态", "Status"), t("异常", "Abnormal"), t("扫码", "Scan"), t("备注", "Remarks"), t("审核意见", "Review note")],
            rows: rows, empty: t("没有维保记录。", "No maintenance records."), caption: title)
    }

    @Sendable func records(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .maintainer, .worker, .regulator, .admin)
        if account.role == .regulator || account.role == .admin {
            return try await supervisedRecords(request, context, abnormalOnly: false)
        }
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let offset = max(0, Int(request.uri.queryParameters.get("offset") ?? "") ?? 0)
        var filter = try MaintenanceController.filter(for: account)
        filter.limit = Self.pageSize + 1
        filter.offset = offset
        let entries = try await maintenance.maintenanceEntries(filter)
        // A worker answers a needs-data review with what it asks for.
        var table = recordTable(Array(entries.prefix(Self.pageSize)), request: request, id: "records", title: nil) { entry in
            guard account.role == .worker, entry.record.status == .needsData else { return [] }
            return [.init(
                action: "/console/records/\(entry.id)/supplement" + (language == .en ? "?lang=en" : ""), name: "supplement", label: t("补充", "Supplement"),
                fields: [.init(name: "remarks", label: "", kind: .text, maxLength: MaintenanceUploadRequest.maximumRemarksLength, required: true, placeholder: t("补充说明", "What you add"))])]
        }
        table.previous = offset > 0 ? Self.link(request, ["offset": String(max(0, offset - Self.pageSize))]) : nil
        table.next = entries.count > Self.pageSize ? Self.link(request, ["offset": String(offset + Self.pageSize)]) : nil
        let title = account.role == .worker ? t("我的记录", "My records") : t("维保记录", "Maintenance records")
        return try page(request, context, title: title, here: "/console/records", body: ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language))
    }

    /// `POST /console/records/<id>/supplement`: the record's own worker answers a needs-data review.
    @Sendable func supplement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .worker)
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        guard let id = Int64(try context.parameters.require("id")), let entry = try await maintenance.maintenanceEntry(id: id),
            entry.record.workerLogin == account.workerLogin
        else {
            throw APIError(.notFound, code: "unknown-record", message: t("没有这条记录。", "no such record"), html: true, language: language)
        }
        guard let remarks = form.text("remarks").map(NationalIDMask.masking), remarks.count <= MaintenanceUploadRequest.maximumRemarksLength else {
            throw APIError(.badRequest, code: "bad-remarks", message: t("请填写补充说明。", "say what you supplement"), field: "remarks", html: true, language: language)
        }
        do {
            _ = try await maintenance.supplement(id: id, items: nil, remarks: remarks, at: now())
        } catch let error as MaintenanceStoreError {
            throw APIError(.conflict, code: "wrong-status", message: error.description, html: true, language: language)
        }
        return SignInController.redirect("/console/records" + (language == .en ? "?lang=en" : ""), language: .zh)
    }

    @Sendable func abnormal(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .regulator, .admin)
        return try await supervisedRecords(request, context, abnormalOnly: true)
    }

    /// A regulator's records (翻红: rows of elevators now overdue are red), with filters and exports.
    func supervisedRecords(_ request: Request, _ context: AppRequestContext, abnormalOnly: Bool) async throws -> Response {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let query = try consoleQuery(request, RegulatorController.recordParameters(abnormalOnly: abnormalOnly))
        let scope = try RegulatorController.scope(for: context, query)
        let filter = try regulator.recordFilter(query, scope: scope, abnormalOnly: abnormalOnly)
        let pageRequest = try query.page()
        let found = try await supervision.supervisedRecords(filter, page: PageRequest(limit: min(pageRequest.limit, Self.pageSize), offset: pageRequest.offset))
        let overdue = Set(try await supervision.supervisedElevators(
            SupervisedElevatorFilter(scope: scope, overdueOnly: true, today: today()), page: PageRequest(limit: PageRequest.maximumLimit, offset: 0)
        ).items.map(\.number))
        let parameters = query.parameters
        var fields: [ConsoleRenderer.Field] = [
            .init(name: "from", label: t("起始日期", "From"), kind: .date, value: parameters["from"] ?? ""),
            .init(name: "to", label: t("截止日期", "To"), kind: .date, value: parameters["to"] ?? ""),
            .init(name: "unit", label: t("维保单位", "Maintenance unit"), value: parameters["unit"] ?? "", list: "units", maxLength: 100),
            .init(name: "worker", label: t("维保人员", "Worker"), value: parameters["worker"] ?? "", maxLength: 100),
            .init(name: "status", label: t("审核状态", "Status"), kind: .select([("", t("全部", "All"))] + ReviewStatus.allCases.map { ($0.rawValue, $0.name(in: language)) }), value: parameters["status"] ?? ""),
        ]
        if abnormalOnly {
            fields.append(.init(name: "type", label: t("异常类型", "Abnormal type"), kind: .select([("", t("全部", "All"))] + AbnormalType.allCases.map { ($0.rawValue, $0.name(in: language)) }), value: parameters["type"] ?? ""))
        }
        if language == .en { fields.append(.init(name: "lang", label: "", kind: .hidden, value: "en")) }
        let rows = found.items.map { record in
            ConsoleRenderer.Row(
                cells: [
                    .init(String(record.id)), .init(record.number.description, href: "/console/elevators/\(record.number)"),
                    .init(record.address, wrap: true), .init(record.type.name(in: language)), .init(Self.time(record.startedAt)),
                    .init(Self.time(record.endedAt)), .init("\(record.durationMinutes)"), .init(record.workerName), .init(record.maintenanceUnit, wrap: true),
                    .init(Self.time(record.uploadedAt)), .init(record.status.name(in: language)),
                    .init(nil, tag: record.abnormal?.name(in: language), tagClass: "red"),
                ],
                rowClass: overdue.contains(record.number) ? "overdue-row" : "", key: String(record.id))
        }
        let table = ConsoleRenderer.Table(
            id: "records",
            headers: [t("记录", "Record"), t("电梯", "Elevator"), t("地址", "Address"), t("类型", "Type"), t("开始", "Start"), t("结束", "End"),
                      t("时长(分钟)", "Minutes"), t("维保人员", "Worker"), t("维保单位", "Unit"), t("上传", "Uploaded"), t("状态", "Status"), t("异常", "Abnormal")],
            rows: rows, empty: t("没有维保记录。", "No maintenance records."),
            caption: t("红色行：该电梯当前维保超期。", "Red rows: the elevator is overdue now."),
            exports: exportLinks(request, list: abnormalOnly ? "abnormal" : "records"),
            previous: pageRequest.offset > 0 ? Self.link(request, ["offset": String(max(0, pageRequest.offset - Self.pageSize))]) : nil,
            next: found.nextOffset.map { Self.link(request, ["offset": String($0)]) })
        let units = try await unitNames(scope: scope)
        let body = ConsoleRenderer.shared.filters(fields, submit: t("查询", "Search"), datalists: ["units": units])
            + ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language)
        let title = abnormalOnly ? t("异常记录", "Abnormal records") : t("维保记录", "Maintenance records")
        return try page(request, context, title: title, here: abnormalOnly ? "/console/abnormal" : "/console/records", body: body)
    }

    // MARK: - Review

    @Sendable func reviewQueue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .regulator, .admin)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        var filter = try MaintenanceController.filter(for: account)
        let offset = max(0, Int(request.uri.queryParameters.get("offset") ?? "") ?? 0)
        filter.status = .reviewing
        filter.limit = Self.pageSize + 1
        filter.offset = offset
        let found = try await maintenance.maintenanceEntries(filter)
        let entries = Array(found.prefix(Self.pageSize))
        var table = recordTable(entries, request: request, id: "review", title: t("审核中的记录：手工输入编号或需补充材料的维保。", "Records in review: typed numbers or supplemented visits.")) { entry in
            let target = "/console/review/\(entry.id)" + (language == .en ? "?lang=en" : "")
            let note = ConsoleRenderer.Field(name: "note", label: "", kind: .text, maxLength: 500, placeholder: t("需补充的材料", "Data needed"))
            return [
                .init(action: target, name: "passed", label: t("通过", "Pass")),
                .init(action: target, name: "invalid", label: t("无效", "Invalid"), secondary: true),
                .init(action: target, name: "needs-data", label: t("补数据", "Needs data"), fields: [note], secondary: true),
            ]
        }
        table.previous = offset > 0 ? Self.link(request, ["offset": String(max(0, offset - Self.pageSize))]) : nil
        table.next = found.count > Self.pageSize ? Self.link(request, ["offset": String(offset + Self.pageSize)]) : nil
        return try page(
            request, context, title: t("审核", "Review"), here: "/console/review", body: ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language),
            notice: request.uri.queryParameters.get("done").map { _ in t("已保存。", "Saved.") })
    }

    /// `POST /console/review/<id>`: the same decision as the API's review.
    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .regulator, .admin)
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        guard let id = Int64(try context.parameters.require("id")), let entry = try await maintenance.maintenanceEntry(id: id) else {
            throw APIError(.notFound, code: "unknown-record", message: t("没有这条记录。", "no such record"), html: true, language: language)
        }
        guard account.role == .admin || MaintenanceController.inArea(district: entry.district, street: entry.street, of: account) else {
            throw APIError(.forbidden, code: "forbidden", message: t("这条记录不在您的辖区。", "this record is outside your area"), html: true, language: language)
        }
        guard let decision = ReviewStatus(rawValue: form["do"] ?? ""), [.passed, .invalid, .needsData].contains(decision) else {
            throw APIError(.badRequest, code: "bad-decision", message: t("未知决定。", "unknown decision"), html: true, language: language)
        }
        let note = form.text("note").map(NationalIDMask.masking)
        if decision == .needsData, note == nil {
            throw APIError(.badRequest, code: "bad-note", message: t("请说明需要补充什么。", "say what data is needed"), field: "note", html: true, language: language)
        }
        let reviewer = account.name ?? [account.district, account.street].compactMap { $0 }.joined(separator: " ")
        do {
            _ = try await maintenance.review(id: id, decision: decision, note: note.map { String($0.prefix(500)) }, by: reviewer.isEmpty ? "account \(account.id)" : reviewer, at: now())
        } catch let error as MaintenanceStoreError {
            throw APIError(.conflict, code: "wrong-status", message: error.description, html: true, language: language)
        }
        return SignInController.redirect("/console/review?done=1" + (language == .en ? "&lang=en" : ""), language: .zh)
    }

    // MARK: - Summary, workers

    @Sendable func summary(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .regulator, .admin)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let query = try consoleQuery(request, ["day"])
        let scope = try RegulatorController.scope(for: context, query)
        let day = try query.day("day") ?? today()
        let supervision = supervision
        let now = now()
        let districts = try await supervision.dailySummary(scope, day: day, now: now)
        let rows = districts.map { summary in
            ConsoleRenderer.Row(cells: [
                .init(summary.district), .init(String(summary.elevators)), .init(String(summary.overdue)),
                .init(String(format: "%.1f%%", summary.overdueRate * 100)), .init(String(summary.abnormalRecords)), .init(String(summary.openComplaints)),
            ])
        }
        let table = ConsoleRenderer.Table(
            id: "summary",
            headers: [t("行政区划", "District"), t("电梯", "Elevators"), t("超期", "Overdue"), t("超期率", "Overdue rate"), t("异常记录", "Abnormal"), t("未处理投诉", "Open complaints")],
            rows: rows, empty: t("没有数据。", "No data."), exports: exportLinks(request, list: "summary"))
        let filters = ConsoleRenderer.shared.filters(
            [.init(name: "day", label: t("日期", "Day"), kind: .date, value: day.description)] + (language == .en ? [.init(name: "lang", label: "", kind: .hidden, value: "en")] : []),
            submit: t("查询", "Show"))
        return try page(request, context, title: t("日报", "Daily summary") + " " + day.description, here: "/console/summary", body: filters + ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language))
    }

    /// A maintenance unit's workers with today's uploads (n of 8).
    @Sendable func workers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try require(context, request, .maintainer)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let day = today()
        let list = try await registry.workers(ofUnit: account.unit ?? "")
        var rows: [ConsoleRenderer.Row] = []
        for worker in list {
            let entries = try await maintenance.maintenanceEntries(MaintenanceFilter(workerLogin: worker.login, byUpload: true, limit: 100))
            let today = entries.filter { ShanghaiTime.day(of: $0.record.uploadedAt) == day }
            let elevators = Set(today.map(\.record.number)).count
            rows.append(ConsoleRenderer.Row(
                cells: [
                    .init(worker.name), .init(worker.login), .init(worker.phone),
                    .init("\(elevators) / \(MaintenanceRules.dailyQuota)", tag: elevators >= MaintenanceRules.dailyQuota ? t("已满", "full") : nil, tagClass: "amber"),
                    .init(today.first.map { Self.time($0.record.uploadedAt) }),
                ],
                key: worker.login))
        }
        let table = ConsoleRenderer.Table(
            id: "workers", headers: [t("姓名", "Name"), t("账号", "Login"), t("电话", "Phone"), t("今日上传", "Today"), t("最近上传", "Last upload")],
            rows: rows, empty: t("本单位没有登记维保人员。", "No workers registered for your unit."))
        return try page(request, context, title: t("维保人员", "Workers"), here: "/console/workers", body: ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: request.language))
    }

    // MARK: - Admin

    @Sendable func accountList(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .admin)
        return try await accountsPage(request, context)
    }

    func accountsPage(_ request: Request, _ context: AppRequestContext, notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        let target = "/console/accounts" + (language == .en ? "?lang=en" : "")
        let store = accounts
        let rows = try await store.accounts().filter { $0.revokedAt == nil }.map { account in
            ConsoleRenderer.Row(
                cells: [
                    .init(String(account.id)), .init(account.role.rawValue), .init(account.login), .init(account.name),
                    .init(account.unit ?? [account.district, account.street].compactMap { $0 }.joined(separator: " "), wrap: true),
                    .init(Self.time(account.createdAt)),
                ],
                key: String(account.id),
                actions: account.login == nil ? [] : [
                    .init(action: target, name: "set-password", label: t("设置密码", "Set password"),
                          fields: [.init(name: "login", label: "", kind: .hidden, value: account.login ?? ""), .init(name: "password", label: "", kind: .password, maxLength: 72, placeholder: t("新密码", "New password"))]),
                    .init(action: target, name: "revoke", label: t("停用", "Revoke"), fields: [.init(name: "id", label: "", kind: .hidden, value: String(account.id))], secondary: true),
                ])
        }
        let table = ConsoleRenderer.Table(
            id: "accounts", headers: [t("编号", "Id"), t("角色", "Role"), t("账号", "Login"), t("名称", "Name"), t("范围", "Scope"), t("创建", "Created")],
            rows: rows, empty: t("没有账号。", "No accounts."))
        let add = ConsoleRenderer.shared.form(
            id: "add-account", title: t("新建账号", "Add an account"), action: target,
            fields: [
                .init(name: "do", label: "", kind: .hidden, value: "add"),
                .init(name: "role", label: t("角色", "Role"), kind: .select(AccountRole.allCases.map { ($0.rawValue, $0.rawValue) }), value: "property"),
                .init(name: "login", label: t("账号（工人账号即其工号）", "Login (a worker's is its worker login)"), maxLength: 64, required: true),
                .init(name: "password", label: t("密码（至少 10 位）", "Password (10 characters or more)"), kind: .password, maxLength: 72, required: true),
                .init(name: "name", label: t("名称", "Name"), maxLength: 50),
                .init(name: "unit", label: t("单位（维保、使用单位账号）", "Unit (maintenance, property accounts)"), maxLength: 200),
                .init(name: "district", label: t("行政区划（监管账号）", "District (regulators)"), maxLength: 50),
                .init(name: "street", label: t("街道办（可选）", "Street office (optional)"), maxLength: 50),
            ],
            submit: t("新建", "Add"), csrf: try signedIn(context).csrf,
            intro: t("程序用的令牌请用 liftcode accounts add 生成。", "Bearer tokens for programs come from liftcode accounts add."))
        return try page(request, context, title: t("账号", "Accounts"), here: "/console/accounts",
            body: ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language) + add, notice: notice, error: error, status: status)
    }

    /// `POST /console/accounts`: set a password or revoke an account (adding accounts stays with
    /// `liftcode accounts add`, which prints the bearer token once).
    @Sendable func changeAccounts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try require(context, request, .admin)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        switch form["do"] {
        case "add":
            do {
                let login = try await addAccount(form, request: request)
                return try await accountsPage(request, context, notice: t("已新建账号 \(login)。", "Account \(login) added."))
            } catch let refusal as ConsoleRefusal {
                return try await accountsPage(request, context, error: refusal.message, status: .badRequest)
            }
        case "set-password":
            let login = form.text("login") ?? ""
            let password = form["password"] ?? ""
            do {
                try PasswordPolicy.check(password, login: login)
            } catch {
                return try await accountsPage(request, context, error: t("密码不符合要求：", "Password refused: ") + error.description, status: .badRequest)
            }
            do {
                try await accounts.setPasswordHash(try await hashPassword(password), login: login)
            } catch let error as AccountStoreError {
                return try await accountsPage(request, context, error: error.description, status: .notFound)
            }
            return try await accountsPage(request, context, notice: t("已为 \(login) 设置密码。", "Password set for \(login)."))
        case "revoke":
            guard let id = form.text("id").flatMap(Int64.init), id != admin.id else {
                return try await accountsPage(request, context, error: t("不能停用自己的账号。", "you cannot revoke your own account"), status: .badRequest)
            }
            do {
                let store = accounts
                let at = now()
                try await store.revokeAccount(id: id, at: at)
            } catch let error as AccountStoreError {
                return try await accountsPage(request, context, error: error.description, status: .notFound)
            }
            return try await accountsPage(request, context, notice: t("账号 \(id) 已停用。", "Account \(id) revoked."))
        default:
            return try await accountsPage(request, context, error: t("未知操作。", "unknown action"), status: .badRequest)
        }
    }

    /// Adds a console account, with the CLI's checks: the unit of the registry and of the right
    /// kind, a district and street the registry has, a registered worker with no live account,
    /// a login not taken, a password the policy allows. Returns the login.
    func addAccount(_ form: ConsoleForm, request: Request) async throws -> String {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        guard let role = AccountRole(rawValue: form["role"] ?? "") else { throw ConsoleRefusal(t("请选择角色。", "choose a role")) }
        let login = form.text("login") ?? ""
        guard PasswordPolicy.isValidLogin(login) else { throw ConsoleRefusal(t("账号须为 2 至 64 个字母、数字或 . _ - @。", "a login is 2 to 64 letters, digits or . _ - @")) }
        let password = form["password"] ?? ""
        do {
            try PasswordPolicy.check(password, login: login)
        } catch {
            throw ConsoleRefusal(t("密码不符合要求：", "Password refused: ") + error.description)
        }
        let unit = form.text("unit")
        let district = form.text("district")
        let street = form.text("street")
        var workerLogin: String?
        switch role {
        case .worker, .maintainer, .property:
            guard let unit, district == nil, street == nil else { throw ConsoleRefusal(t("此角色需要单位（不填行政区划）。", "this role needs a unit (and no district)")) }
            let kind: Organization.Kind = role == .property ? .user : .maintenance
            let known = try await units?.unitListings(kind: kind).map(\.name) ?? []
            guard known.contains(unit) else { throw ConsoleRefusal(t("登记中没有这个单位：", "no such unit in the registry: ") + unit) }
            if role == .worker {
                guard try await registry.workers(ofUnit: unit).contains(where: { $0.login == login }) else {
                    throw ConsoleRefusal(t("工人账号须为该单位登记的维保人员工号。", "a worker's login is one of its unit's registered workers"))
                }
                workerLogin = login
            }
        case .regulator:
            guard let district, unit == nil else { throw ConsoleRefusal(t("监管账号需要行政区划。", "a regulator needs a district")) }
            let inDistrict = try await registry.elevators(ElevatorFilter(district: district, street: street, limit: 1))
            guard !inDistrict.isEmpty else { throw ConsoleRefusal(t("登记中没有这个行政区划或街道办。", "no elevator of the registry is in that district or street")) }
        case .admin, .emergencyOperator:
            guard unit == nil, district == nil, street == nil else { throw ConsoleRefusal(t("此角色没有单位或辖区。", "this role has no unit or district")) }
        }
        let hash = try await hashPassword(password)
        let account = Account(
            id: 0, role: role, unit: unit, district: district, street: street, name: form.text("name").map { String($0.prefix(50)) },
            workerLogin: workerLogin, login: login, createdAt: now())
        let store = accounts
        do {
            // A token nobody sees: this account signs in with its password (programs get tokens from the CLI).
            let tokenHash = ConsoleSession.newToken()
            _ = try await store.addAccount(account, tokenHash: tokenHash, passwordHash: hash)
        } catch let error as AccountStoreError {
            throw ConsoleRefusal(error.description)
        }
        return login
    }

    @Sendable func keys(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .admin)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let rows = publishedKeys().map { key in
            ConsoleRenderer.Row(cells: [.init(key.id), .init(nil, tag: key.status.rawValue, tagClass: key.status == .active ? "green" : key.status == .revoked ? "red" : ""), .init(key.algorithm)], key: key.id)
        }
        let table = ConsoleRenderer.Table(
            id: "keys", headers: [t("密钥", "Key"), t("状态", "Status"), t("算法", "Algorithm")], rows: rows, empty: t("没有密钥。", "No keys."),
            caption: t("新建、停用和吊销密钥用 liftcode keys 命令；运行中的服务器一秒内生效。", "Create, retire and revoke keys with liftcode keys; running servers follow within a second."))
        return try page(request, context, title: t("密钥", "Keys"), here: "/console/keys", body: ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: request.language))
    }

    // MARK: - Units

    @Sendable func unitList(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .admin)
        return try await unitsPage(request, context)
    }

    func unitsPage(_ request: Request, _ context: AppRequestContext, notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        guard let units else {
            throw APIError(.notFound, code: "no-units", message: t("此服务器不管理单位。", "this server keeps no units"), html: true, language: language)
        }
        let target = "/console/units" + (language == .en ? "?lang=en" : "")
        let listings = try await units.unitListings(kind: nil)
        let rows = listings.map { unit in
            ConsoleRenderer.Row(
                cells: [
                    .init(unit.name, wrap: true), .init(unit.kind == .maintenance ? t("维保单位", "maintenance") : unit.kind == .user ? t("使用单位", "user") : unit.kind.rawValue),
                    .init(String(unit.elevators)), .init(unit.phone), .init(unit.webhookURL, wrap: true),
                    .init(unit.hasWebhookSecret ? t("已设置", "set") : t("无", "none")),
                ],
                key: unit.name,
                actions: [.init(
                    action: target, name: "set", label: t("保存", "Save"),
                    fields: [
                        .init(name: "name", label: "", kind: .hidden, value: unit.name),
                        .init(name: "phone", label: "", value: unit.phone ?? "", maxLength: 30, placeholder: t("电话", "Phone")),
                        .init(name: "webhook", label: "", value: unit.webhookURL ?? "", maxLength: 300, placeholder: "https://…"),
                    ])])
        }
        let table = ConsoleRenderer.Table(
            id: "units", headers: [t("单位", "Unit"), t("类型", "Kind"), t("电梯", "Elevators"), t("电话", "Phone"), t("投诉推送地址", "Webhook"), t("签名密钥", "Secret")],
            rows: rows, empty: t("没有单位。", "No units."),
            caption: t("电话和推送地址留空即删除；新的推送地址会生成签名密钥，用 liftcode units set 查看或更换。", "An empty phone or webhook removes it; a new webhook gets a signing secret (see or change it with liftcode units set)."))
        return try page(request, context, title: t("单位", "Units"), here: "/console/units",
            body: ConsoleRenderer.shared.table(table, csrf: try signedIn(context).csrf, language: language), notice: notice, error: error, status: status)
    }

    /// `POST /console/units`: a unit's phone and webhook, checked as the admin API checks them
    /// (a webhook must be a public http(s) address).
    @Sendable func changeUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .admin)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        guard let units, let name = form.text("name") else {
            return try await unitsPage(request, context, error: t("请选择单位。", "choose a unit"), status: .badRequest)
        }
        var update = UnitUpdate(name: name)
        let phone = form.text("phone")
        if let phone, phone.count > 30 || !phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == " ") }) {
            return try await unitsPage(request, context, error: t("电话号码不正确：", "not a phone number: ") + phone, status: .badRequest)
        }
        update.phone = phone.map { .set($0) } ?? .clear
        if let webhook = form.text("webhook") {
            do {
                update.webhook = .set(try WebhookEndpoint(validating: webhook))
            } catch {
                return try await unitsPage(request, context, error: error.description, status: .badRequest)
            }
        } else {
            update.webhook = .clear
        }
        do {
            let change = update
            let outcome = try await units.updateUnit(change)
            let secretNote = outcome.generatedSecret.map { _ in t("已生成新的签名密钥（用 liftcode units set 交给该单位）。", " A signing secret was made (hand it over with liftcode units set).") } ?? ""
            return try await unitsPage(request, context, notice: t("已保存 \(name)。", "Saved \(name).") + secretNote)
        } catch {
            return try await unitsPage(request, context, error: "\(error)", status: .badRequest)
        }
    }

    // MARK: - Exports

    /// `GET /console/export/<list>?…&format=xlsx|csv`: exactly what the list's filters show, through
    /// the regulator API's own export.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try require(context, request, .regulator, .admin)
        let list = try context.parameters.require("list")
        let filtered = Self.forwarded(request, to: request.uri.path)
        do {
            switch list {
            case "elevators": return try await regulator.elevators(filtered, context: context)
            case "records": return try await regulator.maintenanceRecords(filtered, context: context)
            case "abnormal": return try await regulator.abnormalRecords(filtered, context: context)
            case "complaints": return try await regulator.complaints(filtered, context: context)
            case "summary": return try await regulator.summary(filtered, context: context)
            default: throw APIError(.notFound, code: "unknown-list", message: "no list \(list)")
            }
        } catch let error as APIError {
            throw APIError(error.status, code: error.code, message: error.message, field: error.field, html: true, language: request.language)
        }
    }
}

extension CivilDate {
    /// Before and after every real day, for sorting.
    static let distantPast = CivilDate(year: 1, month: 1, day: 1)!
    static let distantFuture = CivilDate(year: 9999, month: 12, day: 31)!
}
