import Foundation
import HTTPTypes
import Hummingbird
import LiftCore

/// The monthly bulletin (定期通报) screen of a regulator: the month picked (the last full month by
/// default), the district the account's own. The figures, the ranking and the score's formula are
/// those of `GET /api/v1/regulator/bulletin` (`RescueController.bulletin`, LiftCore's arithmetic),
/// and the downloads are that route's own xlsx and csv.
struct BulletinConsoleController: Sendable {
    let rescueAPI: RescueController
    let today: @Sendable () -> CivilDate

    static let path = "/console/bulletin"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/bulletin", use: bulletin)
        group.get("/export/bulletin", use: export)
    }

    /// `GET /console/bulletin?month=2026-10` (an admin adds `district=`).
    @Sendable func bulletin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        let signIn = try Self.signIn(context, request)
        let account = signIn.account
        let title = t("定期通报", "Monthly bulletin")
        var month = CivilMonth(today()).previous
        var form = Self.form(account, month: request.uri.queryParameters.get("month") ?? month.description,
                             district: request.uri.queryParameters.get("district") ?? "", request: request)
        let result: MonthlyBulletin
        do {
            let query = try RegulatorQuery(request, allowing: ["month"], paginated: false, ignoringEmpty: true)
            if try query.format() != nil { throw APIError.badRequest("the downloads are the links on this page", field: "format") }
            let district = try RescueController.bulletinDistrict(query, for: account)
            month = try RescueController.month(query) ?? month
            form = Self.form(account, month: month.description, district: district, request: request)
            result = try await rescueAPI.bulletin(district: district, month: month, language: language)
        } catch let error as APIError {
            return ConsoleController.page(
                request, signIn: signIn, title: title, here: Self.path, body: form,
                error: t("条件有误：", "Refused: ") + error.message, status: error.status)
        }
        var exportQuery: [String: String?] = ["month": month.description, "district": account.role == .admin ? result.district : nil]
        let exports = [("导出 Excel · xlsx", "xlsx"), ("导出 CSV", "csv")].map { label, format in
            exportQuery["format"] = format
            return (name: label, href: ConsoleController.link(request, path: "/console/export/bulletin", exportQuery))
        }
        let body = form + Self.overview(result, request: request) + Self.ranking(result, exports: exports, request: request, csrf: signIn.csrf)
            + Self.repeatTraps(result, request: request, csrf: signIn.csrf) + Self.formula(result, request: request)
        return ConsoleController.page(request, signIn: signIn, title: title + " · " + result.district + " " + result.month.description, here: Self.path, body: body)
    }

    /// `GET /console/export/bulletin?month=…&format=xlsx|csv`: the API's own download.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.signIn(context, request)
        do {
            return try await rescueAPI.bulletin(ConsoleController.forwarded(request, to: "/api/v1/regulator/bulletin", dropping: ["lang"]), context: context)
        } catch let error as APIError {
            throw APIError(error.status, code: error.code, message: error.message, field: error.field, html: true, language: request.language)
        }
    }

    /// The signed-in regulator or admin; anyone else 403.
    static func signIn(_ context: AppRequestContext, _ request: Request) throws -> ConsoleSignIn {
        guard let signIn = context.signIn else { throw APIError(.unauthorized, code: "signed-out", message: "please sign in", html: true) }
        guard signIn.account.role == .regulator || signIn.account.role == .admin else {
            throw APIError(
                .forbidden, code: "forbidden", message: ConsoleController.t(request, "此页面不属于您的账号。", "this screen is not for your account"),
                html: true, language: request.language)
        }
        return signIn
    }

    static func form(_ account: Account, month: String, district: String, request: Request) -> String {
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        var fields: [ConsoleRenderer.Field] = [
            .init(name: "month", label: t("月份", "Month"), kind: .month, value: month, maxLength: 7, placeholder: "2026-11")
        ]
        if account.role == .admin {
            fields.append(.init(name: "district", label: t("行政区划", "District"), value: district, maxLength: 100, required: true))
        }
        if request.language == .en { fields.append(.init(name: "lang", label: "", kind: .hidden, value: "en")) }
        return ConsoleRenderer.shared.filters(fields, submit: t("查看", "Show"))
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }

    static func number(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }

    static func stars(_ count: Int) -> String { String(repeating: "★", count: count) + String(repeating: "☆", count: max(0, 5 - count)) }

    /// The district's figures.
    static func overview(_ bulletin: MonthlyBulletin, request: Request) -> String {
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        let f = bulletin.figures
        return ConsoleRenderer.shared.facts(title: t("全区概况", "The district"), rows: [
            (t("救援单", "Rescue orders"), t("\(f.rescues)（取消 \(f.cancelledRescues)）", "\(f.rescues) (\(f.cancelledRescues) cancelled)"), false),
            (t("到达用时（分钟）", "Time to arrive (min)"),
             t("\(f.arrivals) 次到达，平均 \(number(f.averageArrivalMinutes))，最长 \(number(f.longestArrivalMinutes))",
               "\(f.arrivals) arrivals, average \(number(f.averageArrivalMinutes)), longest \(number(f.longestArrivalMinutes))"), false),
            (t("超时救援", "Late rescues"), String(f.lateRescues), f.lateRescues > 0),
            (t("未验证到达", "Unverified arrivals"), String(f.unverifiedArrivals), f.unverifiedArrivals > 0),
            (t("困人两次及以上的电梯", "Elevators trapped twice or more"), String(f.repeatTrapElevators), f.repeatTrapElevators > 0),
            (t("标签覆盖率", "Label coverage"), "\(percent(f.labelCoverage))（\(f.labelled)/\(f.elevators)）", false),
            (t("扫码维保率", "Scan rate"), "\(percent(f.scanRate))（\(f.countedVisits)/\(f.visitsDue)）", false),
            (t("超期率", "Overdue rate"), "\(percent(f.overdueRate))（\(f.overdue)/\(f.inService)）", f.overdue > 0),
            (t("异常维保记录", "Abnormal records"), "\(f.abnormalRecords)/\(f.maintenanceRecords)", f.abnormalRecords > 0),
            (t("投诉", "Complaints"),
             t("\(f.complaints) 件，已办结 \(f.resolvedComplaints)，平均 \(number(f.averageResolutionHours)) 小时，最长 \(number(f.longestResolutionHours)) 小时",
               "\(f.complaints), \(f.resolvedComplaints) resolved, average \(number(f.averageResolutionHours)) h, longest \(number(f.longestResolutionHours)) h"), false),
            (t("超期统计日", "Overdue counted on"), bulletin.measuredOn.description, false),
        ])
    }

    /// The units by score, best first, with the figures the score is built from.
    static func ranking(_ bulletin: MonthlyBulletin, exports: [(name: String, href: String)], request: Request, csrf: String) -> String {
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        let rows = bulletin.units.map { unit -> ConsoleRenderer.Row in
            let f = unit.figures
            return ConsoleRenderer.Row(
                cells: [
                    .init(String(unit.rank)), .init(unit.unit, wrap: true), .init(String(format: "%.1f", unit.score)), .init(stars(unit.stars)),
                    .init(String(f.rescues)), .init(number(f.averageArrivalMinutes)), .init(number(f.longestArrivalMinutes)),
                    .init(String(f.lateRescues), tag: f.lateRescues > 0 ? "!" : nil, tagClass: "red"),
                    .init(String(f.unverifiedArrivals), tag: f.unverifiedArrivals > 0 ? "!" : nil, tagClass: "amber"),
                    .init(String(f.repeatTrapElevators)), .init(percent(f.labelCoverage)), .init(percent(f.scanRate)), .init(percent(f.overdueRate)),
                    .init("\(f.abnormalRecords)/\(f.maintenanceRecords)"), .init(String(f.complaints)), .init(number(f.averageResolutionHours)),
                ],
                key: unit.unit)
        }
        let table = ConsoleRenderer.Table(
            id: "ranking",
            headers: [t("排名", "Rank"), t("维保单位", "Maintenance unit"), t("得分", "Score"), t("星级", "Stars"), t("救援", "Rescues"),
                      t("平均到达(分)", "Avg arrival (min)"), t("最长到达(分)", "Longest (min)"), t("超时", "Late"), t("未验证到达", "Unverified"),
                      t("多次困人电梯", "Trapped 2+"), t("标签覆盖率", "Label coverage"), t("扫码维保率", "Scan rate"), t("超期率", "Overdue rate"),
                      t("异常记录", "Abnormal"), t("投诉", "Complaints"), t("平均办结(时)", "Avg resolution (h)")],
            rows: rows, empty: t("本月辖区内没有维保单位的数据。", "No maintenance unit has figures this month."),
            caption: t("维保单位排名：按下方公式计算得分，得分高者在前。", "Maintenance units ranked by the score below, best first."),
            exports: exports)
        return "<h2>" + t("维保单位排名", "Ranking of maintenance units") + "</h2>" + ConsoleRenderer.shared.table(table, csrf: csrf, language: request.language)
    }

    /// Elevators trapped twice or more, with their user units, as city platforms name them.
    static func repeatTraps(_ bulletin: MonthlyBulletin, request: Request, csrf: String) -> String {
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        let table = ConsoleRenderer.Table(
            id: "repeat-traps",
            headers: [t("电梯编号", "Elevator"), t("地址", "Address"), t("使用单位", "User unit"), t("维保单位", "Maintenance unit"), t("困人次数", "Times trapped")],
            rows: bulletin.repeatTraps.map { trap in
                ConsoleRenderer.Row(
                    cells: [.init(trap.number.description), .init(trap.address, wrap: true), .init(trap.userUnit, wrap: true),
                            .init(trap.maintenanceUnit, wrap: true), .init(String(trap.rescues))],
                    rowClass: "overdue-row", key: trap.number.description)
            },
            empty: t("本月没有困人两次及以上的电梯。", "No elevator was trapped twice or more this month."))
        return "<h2>" + t("多次困人电梯", "Elevators trapped twice or more") + "</h2>" + ConsoleRenderer.shared.table(table, csrf: csrf, language: request.language)
    }

    /// The score's formula and what each of its terms is, in words.
    static func formula(_ bulletin: MonthlyBulletin, request: Request) -> String {
        let t = { (zh: String, en: String) in ConsoleController.t(request, zh, en) }
        let terms = UnitScore.terms(request.language).map { term -> (name: String, value: String, red: Bool) in
            let parts = term.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return (parts[0], parts.count > 1 ? parts[1] : "", false)
        }
        return ConsoleRenderer.shared.facts(title: t("评分公式", "Score formula"), rows: [(t("公式", "Formula"), bulletin.scoreFormula, false)] + terms)
    }
}
