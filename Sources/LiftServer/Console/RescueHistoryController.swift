import Foundation
import HTTPTypes
import Hummingbird
import LiftCore

/// The rescue history in the console: every order in the account's scope, closed and cancelled
/// ones too, with its clocks (reported, accepted, arrived, minutes to arrive, late, verified or
/// not). The filters are the rescue API's own parameters, read by the API's own code
/// (`RescueController.filter`), so the xlsx/csv links export exactly the list. A maintenance unit
/// sees its own orders, a regulator its district's (or street's), the 96333 line and admins all.
struct RescueHistoryController: Sendable {
    let rescues: any RescueStore

    static let path = "/console/rescues/history"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/rescues/history", use: history)
    }

    /// `GET /console/rescues/history?state=&month=&from=&to=&late=&unverified=&escalated=&elevator=&unit=&district=&street=&offset=`
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        guard let signIn = context.signIn else { throw APIError(.unauthorized, code: "signed-out", message: "please sign in", html: true) }
        let account = signIn.account
        guard [.maintainer, .regulator, .emergencyOperator, .admin].contains(account.role) else {
            throw APIError(.forbidden, code: "forbidden", message: t("此页面不属于您的账号。", "this screen is not for your account"), html: true, language: language)
        }
        let values = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        let filters = Self.filterForm(account, values: values, request: request)
        let found: [RescueOrder]
        let page: PageRequest
        do {
            let query = try RegulatorQuery(request, allowing: RescueController.listParameters, ignoringEmpty: true)
            var filter = try RescueController.filter(query, for: account)
            let asked = try query.page()
            page = PageRequest(limit: min(asked.limit, ConsoleController.pageSize), offset: asked.offset)
            filter.limit = page.limit + 1
            filter.offset = page.offset
            found = try await rescues.rescues(filter)
        } catch let error as APIError {
            // A bad value or a scope outside the account's: the same screen, saying what was wrong.
            return ConsoleController.page(
                request, signIn: signIn, title: t("救援记录", "Rescue history"), here: Self.path, body: filters,
                error: t("筛选条件有误：", "Filter refused: ") + error.message, status: error.status)
        }
        let shown = found.prefix(page.limit)
        let supervises = account.role != .maintainer
        let rows = shown.map { Self.row($0, supervises: supervises, request: request) }
        var headers = [
            t("救援单", "Order"), t("电梯", "Elevator"), t("地址", "Address"), t("状态", "State"), t("报警", "Reported"), t("接单", "Accepted"),
            t("到达", "Arrived"), t("到达用时", "To arrive"), t("超时", "Late"), t("到达验证", "Arrival proof"), t("救援人员", "Rescuer"),
        ]
        if supervises { headers.append(t("维保单位", "Maintenance unit")) }
        let table = ConsoleRenderer.Table(
            id: "rescue-history", headers: headers, rows: Array(rows), empty: t("没有符合条件的救援单。", "No rescue orders match."),
            caption: Self.scope(account, language) + t(
                "。到达用时从报警算起；“已验证”指救援人员扫了本电梯的真实标签。",
                ". Time to arrive counts from the report; \"verified\" means the rescuer scanned this elevator's genuine label."),
            exports: [("导出 Excel · xlsx", "xlsx"), ("导出 CSV", "csv")].map { label, format in
                (label, ConsoleController.link(request, path: "/console/export/rescues", ["format": format, "offset": nil, "limit": nil]))
            },
            previous: page.offset > 0 ? ConsoleController.link(request, ["offset": String(max(0, page.offset - page.limit))]) : nil,
            next: found.count > page.limit ? ConsoleController.link(request, ["offset": String(page.offset + page.limit)]) : nil,
            position: t("第 \(page.offset + 1) 条起", "from row \(page.offset + 1)"))
        return ConsoleController.page(
            request, signIn: signIn, title: t("救援记录", "Rescue history"), here: Self.path,
            body: filters + ConsoleRenderer.shared.table(table, csrf: signIn.csrf, language: language))
    }

    /// Whose orders the list holds, in words.
    static func scope(_ account: Account, _ language: Language) -> String {
        let zh = language == .zh
        switch account.role {
        case .maintainer: return (zh ? "本单位：" : "Unit: ") + (account.unit ?? "")
        case .regulator: return (zh ? "辖区：" : "Area: ") + [account.district, account.street].compactMap { $0 }.joined(separator: " ")
        default: return zh ? "全部辖区" : "All districts"
        }
    }

    /// The filter form: the API's parameters; a field fixed by the account's scope is not offered.
    static func filterForm(_ account: Account, values: [String: String], request: Request) -> String {
        let language = request.language
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        let all = ("", t("全部", "All"))
        var fields: [ConsoleRenderer.Field] = [
            .init(name: "state", label: t("状态", "State"), kind: .select([all] + RescueState.allCases.map { ($0.rawValue, $0.name(in: language)) }), value: values["state"] ?? ""),
            .init(name: "month", label: t("月份", "Month"), kind: .month, value: values["month"] ?? "", maxLength: 7, placeholder: "2026-11"),
            .init(name: "from", label: t("或从（日）", "Or from (day)"), kind: .date, value: values["from"] ?? ""),
            .init(name: "to", label: t("至（日）", "To (day)"), kind: .date, value: values["to"] ?? ""),
            .init(name: "late", label: t("超时", "Late"), kind: .select([all, ("true", t("仅超时", "Late only"))]), value: values["late"] ?? ""),
            .init(name: "unverified", label: t("到达验证", "Arrival proof"), kind: .select([all, ("true", t("仅未验证", "Unverified only"))]), value: values["unverified"] ?? ""),
            .init(name: "escalated", label: t("上报", "Escalated"), kind: .select([all, ("true", t("仅已上报", "Escalated only"))]), value: values["escalated"] ?? ""),
            .init(name: "elevator", label: t("电梯编号", "Elevator"), value: values["elevator"] ?? "", maxLength: 7, placeholder: "N000614"),
        ]
        if account.role != .maintainer {
            fields.append(.init(name: "unit", label: t("维保单位", "Maintenance unit"), value: values["unit"] ?? "", maxLength: 100))
        }
        if account.role != .regulator {
            fields.append(.init(name: "district", label: t("行政区划", "District"), value: values["district"] ?? "", maxLength: 100))
        }
        if account.street == nil {
            fields.append(.init(name: "street", label: t("街道", "Street"), value: values["street"] ?? "", maxLength: 100))
        }
        if language == .en { fields.append(.init(name: "lang", label: "", kind: .hidden, value: "en")) }
        return ConsoleRenderer.shared.filters(fields, submit: t("查询", "Search"))
    }

    /// One order's row: its clocks, marks and proof. A regulator sees who the rescuer was, never a phone.
    static func row(_ order: RescueOrder, supervises: Bool, request: Request) -> ConsoleRenderer.Row {
        let language = request.language
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        let minutes = order.arrivalMinutes.map { String(format: "%.1f", ($0 * 10).rounded() / 10) + t(" 分钟", " min") }
        let late: ConsoleRenderer.Cell =
            if order.isLate {
                .init(nil, tag: t("超时", "late"), tagClass: "red")
            } else if order.arrivedAt != nil {
                .init(t("按时", "on time"))
            } else {
                .init(nil)
            }
        let proof: ConsoleRenderer.Cell
        switch order.arrival {
        case nil: proof = .init(nil)
        case .verified?: proof = .init(nil, tag: t("已验证", "verified"), tagClass: "green")
        case let check?:
            let detail = check.name(in: language).split(separator: language == .zh ? "：" : ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
            proof = .init(detail, tag: t("未验证", "unverified"), tagClass: "amber", wrap: true)
        }
        var cells: [ConsoleRenderer.Cell] = [
            .init(order.id), .init(order.number.description), .init(order.address, wrap: true),
            .init(order.state.name(in: language), tag: order.isEscalated ? t("已上报", "escalated") : nil, tagClass: "amber"),
            .init(ShanghaiTime.format(order.reportedAt)), .init(clock(order.acceptedAt, after: order.reportedAt)),
            .init(clock(order.arrivedAt, after: order.reportedAt)), .init(minutes), late, proof, .init(order.rescuerName),
        ]
        if supervises { cells.append(.init(order.maintenanceUnit, wrap: true)) }
        return ConsoleRenderer.Row(
            cells: cells, rowClass: order.isLate ? "overdue-row" : order.state.isOpen ? "alarm-row" : "", key: order.id)
    }

    /// A time after the report: the clock alone on the same day, the day too otherwise.
    static func clock(_ date: Date?, after reported: Date) -> String? {
        guard let date else { return nil }
        let text = ShanghaiTime.format(date)
        return ShanghaiTime.day(of: date) == ShanghaiTime.day(of: reported) ? String(text.suffix(5)) : text
    }
}
