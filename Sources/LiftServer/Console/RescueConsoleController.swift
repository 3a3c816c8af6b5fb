import Foundation
import HTTPTypes
import Hummingbird
import LiftCore

/// Rescue orders in the console: open rescues with their clocks for the maintenance unit (accept
/// with a rescuer, release, close), the regulator and the 96333 line (late and escalated marked,
/// exports), and the arrival a rescuer proves by opening the elevator's label on the phone.
struct RescueConsoleController: Sendable {
    let rescues: any RescueStore
    let rescueAPI: RescueController
    let lookup: ElevatorLookup
    let labelBaseURL: String
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/rescues", use: list)
        group.post("/rescues/{id}", use: act)
        group.post("/rescues/{id}/arrival", use: arrival)
        group.get("/export/rescues", use: export)
    }

    static func t(_ request: Request, _ zh: String, _ en: String) -> String { request.language == .zh ? zh : en }

    func account(_ context: AppRequestContext, _ request: Request) throws -> Account {
        guard let account = context.signIn?.account, account.role != .property else {
            throw APIError(.forbidden, code: "forbidden", message: Self.t(request, "此页面不属于您的账号。", "this screen is not for your account"), html: true, language: request.language)
        }
        return account
    }

    /// The order the path's id names, when the account may see it (and, with `rescuersOnly`, is a
    /// worker or maintainer who could act on it); otherwise 404, so an order of another unit looks
    /// the same as one that does not exist.
    func order(_ request: Request, _ context: AppRequestContext, account: Account, rescuersOnly: Bool = false) async throws -> RescueOrder {
        let id = try context.parameters.require("id")
        guard !rescuersOnly || account.role == .worker || account.role == .maintainer, id.utf8.count <= 40,
            let order = try await rescues.rescue(id: id), RescueController.maySee(order, account)
        else {
            throw APIError(
                .notFound, code: "unknown-rescue", message: Self.t(request, "没有这张救援单。", "no such rescue order"), html: true, language: request.language)
        }
        return order
    }

    /// `GET /console/rescues?open=true&late=true&escalated=true`
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context, request)
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        let language = request.language
        var filter = try RescueController.filter(for: account)
        let query = request.uri.queryParameters
        filter.openOnly = query.get("open") == "true"
        filter.lateOnly = query.get("late") == "true"
        filter.escalatedOnly = query.get("escalated") == "true"
        let offset = max(0, Int(query.get("offset") ?? "") ?? 0)
        filter.limit = ConsoleController.pageSize + 1
        filter.offset = offset
        let found = try await rescues.rescues(filter)
        let now = now()
        let handles = account.role == .maintainer || account.role == .worker
        let target = { (id: String) in "/console/rescues/\(id)" + (language == .en ? "?lang=en" : "") }
        let rows = found.prefix(ConsoleController.pageSize).map { order -> ConsoleRenderer.Row in
            let minutes = Int(((order.arrivedAt ?? (order.state.isOpen ? now : order.closedAt ?? order.cancelledAt ?? now)).timeIntervalSince(order.reportedAt)) / 60)
            var actions: [ConsoleRenderer.Action] = []
            if handles && order.state != .closed && order.state != .cancelled {
                switch order.state {
                case .reported, .dispatched:
                    actions.append(.init(
                        action: target(order.id), name: "accept", label: t("接单", "Accept"),
                        fields: [
                            .init(name: "rescuer", label: "", maxLength: 50, required: true, placeholder: t("救援人员", "Rescuer")),
                            .init(name: "phone", label: "", maxLength: 13, placeholder: t("手机", "Mobile")),
                        ]))
                case .arrived:
                    actions.append(.init(action: target(order.id), name: "release", label: t("已解救", "Released")))
                case .released:
                    actions.append(.init(action: target(order.id), name: "close", label: t("结单", "Close")))
                default: break
                }
            }
            if (account.role == .emergencyOperator || account.role == .regulator || account.role == .admin) && order.state.isOpen {
                actions.append(.init(
                    action: target(order.id), name: "cancel", label: t("撤销", "Cancel"),
                    fields: [.init(name: "reason", label: "", maxLength: 200, required: true, placeholder: t("撤销原因", "Reason"))], secondary: true))
            }
            let arrival: String? = order.arrival.map { $0 == .verified ? t("扫码到达", "verified") : t("未验证", "unverified") }
            return ConsoleRenderer.Row(
                cells: [
                    .init(order.id), .init(order.number.description), .init(order.address, wrap: true),
                    .init(order.state.name(in: language), tag: order.isLate ? t("超时", "late") : order.isEscalated ? t("已上报", "escalated") : nil,
                          tagClass: "red"),
                    .init(ShanghaiTime.format(order.reportedAt)), .init(ShanghaiTime.format(order.arriveBy)),
                    .init(t("\(minutes) 分钟", "\(minutes) min")), .init(arrival, tag: order.arrival.map { $0 == .verified ? nil : "!" } ?? nil, tagClass: "amber"),
                    .init(order.maintenanceUnit, wrap: true), .init(order.rescuerName),
                ],
                rowClass: order.isLate ? "overdue-row" : order.state.isOpen ? "alarm-row" : "", key: order.id, actions: actions)
        }
        var table = ConsoleRenderer.Table(
            id: "rescues",
            headers: [t("救援单", "Order"), t("电梯", "Elevator"), t("地址", "Address"), t("状态", "State"), t("报告", "Reported"),
                      t("到达期限", "Arrive by"), t("用时", "Time"), t("到达", "Arrival"), t("维保单位", "Unit"), t("救援人员", "Rescuer")],
            rows: Array(rows), empty: t("没有救援单。", "No rescue orders."),
            caption: t("救援人员到达后，用手机打开该电梯的标签页面确认到达（扫码即验证）。", "Rescuers confirm arrival by opening the elevator's label on the phone (the scan proves it)."))
        if account.role != .worker {
            table.exports = [("导出 Excel · xlsx", "xlsx"), ("导出 CSV", "csv")].map { label, format in
                (label, ConsoleController.link(request, path: "/console/export/rescues", ["format": format, "offset": nil]))
            }
        }
        table.previous = offset > 0 ? ConsoleController.link(request, ["offset": String(max(0, offset - ConsoleController.pageSize))]) : nil
        table.next = found.count > ConsoleController.pageSize ? ConsoleController.link(request, ["offset": String(offset + ConsoleController.pageSize)]) : nil
        let filters = ConsoleRenderer.shared.filters(
            [
                .init(name: "open", label: t("状态", "State"), kind: .select([("", t("全部", "All")), ("true", t("进行中", "Open"))]), value: query.get("open") ?? ""),
                .init(name: "late", label: t("超时", "Late"), kind: .select([("", t("全部", "All")), ("true", t("仅超时", "Late only"))]), value: query.get("late") ?? ""),
                .init(name: "escalated", label: t("上报", "Escalated"), kind: .select([("", t("全部", "All")), ("true", t("仅已上报", "Escalated only"))]), value: query.get("escalated") ?? ""),
            ] + (language == .en ? [.init(name: "lang", label: "", kind: .hidden, value: "en")] : []),
            submit: t("筛选", "Filter"))
        guard let signIn = context.signIn else { throw APIError(.unauthorized, code: "signed-out", message: "please sign in", html: true) }
        return ConsoleController.page(
            request, signIn: signIn, title: t("救援", "Rescues"), here: "/console/rescues",
            body: filters + ConsoleRenderer.shared.table(table, csrf: signIn.csrf, language: language),
            notice: query.get("done").map { _ in t("已保存。", "Saved.") })
    }

    /// `POST /console/rescues/<id>`: accept, release, close (the unit), cancel (the 96333 line, a
    /// regulator, an admin), under the same rules as the API.
    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context, request)
        let language = request.language
        let t = { (zh: String, en: String) in Self.t(request, zh, en) }
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        let order = try await order(request, context, account: account)
        let handles = account.role == .maintainer || account.role == .worker
        let supervises = account.role == .emergencyOperator || account.role == .regulator || account.role == .admin
        let action: RescueAction
        switch form["do"] {
        case "accept" where handles:
            guard let rescuer = form.text("rescuer"), rescuer.count <= 50 else {
                throw APIError(.badRequest, code: "bad-rescuer", message: t("请填写救援人员。", "name the rescuer"), field: "rescuer", html: true, language: language)
            }
            let phone = form.text("phone")
            if let phone, !ComplaintDraft.isMainlandMobile(phone) {
                throw APIError(.badRequest, code: "bad-phone", message: t("手机号码不正确。", "not a mobile number"), field: "phone", html: true, language: language)
            }
            action = .accept(rescuer: rescuer, phone: phone)
        case "release" where handles: action = .release
        case "close" where handles: action = .close
        case "cancel" where supervises:
            guard let reason = form.text("reason"), reason.count <= 200 else {
                throw APIError(.badRequest, code: "bad-reason", message: t("请说明撤销原因。", "give a reason"), field: "reason", html: true, language: language)
            }
            action = .cancel(reason: reason)
        default:
            throw APIError(.forbidden, code: "forbidden", message: t("您不能做这项操作。", "you may not do this"), html: true, language: language)
        }
        do {
            _ = try await rescues.apply(action, to: order.id, by: RescueController.actor(account), at: now())
        } catch let error as RescueStoreError {
            throw APIError(.conflict, code: "wrong-state", message: "\(error)", html: true, language: language)
        }
        return SignInController.redirect("/console/rescues?done=1" + (language == .en ? "&lang=en" : ""), language: .zh)
    }

    /// `GET /console/export/rescues?…&format=xlsx|csv`: the API's own export of the list (the
    /// history's filters included), within the account's scope; not a worker's.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context, request)
        guard account.role != .worker else {
            throw APIError(.forbidden, code: "forbidden", message: Self.t(request, "此页面不属于您的账号。", "this screen is not for your account"), html: true, language: request.language)
        }
        do {
            return try await rescueAPI.list(ConsoleController.forwarded(request, to: "/api/v1/rescues", dropping: ["lang"]), context: context)
        } catch let error as APIError {
            throw APIError(error.status, code: error.code, message: error.message, field: error.field, html: true, language: request.language)
        }
    }

    // MARK: - Arrival from the label page

    /// `POST /console/rescues/<id>/arrival` from the label page: the code the phone opened proves
    /// the arrival when it is a genuine label of that elevator (anything else is recorded unverified).
    @Sendable func arrival(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context, request)
        let language = request.language
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        let order = try await order(request, context, account: account, rescuersOnly: true)
        let result = try await lookup.lookup(path: form.text("code") ?? "", baseURL: labelBaseURL, today: ShanghaiTime.day(of: now()))
        guard let check = ArrivalCheck.judge(result.verification, expected: order.number) else {
            throw APIError(.badRequest, code: "bad-code", message: result.reason, field: "code", html: true, language: language)
        }
        do {
            _ = try await rescues.apply(.arrive(check), to: order.id, by: RescueController.actor(account), at: now())
        } catch let error as RescueStoreError {
            throw APIError(.conflict, code: "wrong-state", message: "\(error)", html: true, language: language)
        }
        return SignInController.redirect("/console/rescues?done=1" + (language == .en ? "&lang=en" : ""), language: .zh)
    }

    /// The panel for a rescuer of the elevator's unit with an accepted order on this elevator.
    func panel(signIn: ConsoleSignIn, code: LabelCode, language: Language) async throws -> String? {
        let account = signIn.account
        guard account.role == .worker || account.role == .maintainer, let unit = account.unit else { return nil }
        var filter = RescueFilter(maintenanceUnit: unit)
        filter.number = code.number
        filter.state = .accepted
        guard let order = try await rescues.rescues(filter).first else { return nil }
        return ConsoleRenderer.shared.form(
            id: "rescue-arrival", title: language == .zh ? "救援到达" : "Rescue arrival", action: "/console/rescues/\(order.id)/arrival",
            fields: [.init(name: "code", label: "", kind: .hidden, value: code.path)], submit: language == .zh ? "确认已到达" : "I am here",
            csrf: signIn.csrf,
            intro: language == .zh ? "救援单 \(order.id)：扫描本电梯标签即证明到达。" : "Order \(order.id): this label's scan proves the arrival.")
    }
}
