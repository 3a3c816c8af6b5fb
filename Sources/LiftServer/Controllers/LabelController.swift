import Foundation
import Hummingbird
import LiftCore

/// The public label routes: the page a phone opens when it scans a label, its complaint form,
/// and the by-number lookup.
struct LabelController: Sendable {
    let lookup: ElevatorLookup
    let desk: ComplaintDesk
    let metrics: ServerMetrics
    let labelBaseURL: String
    let today: @Sendable () -> CivilDate
    let pageCache: PageCache
    /// For a signed-in console user, what the page shows above the card (a worker's visit panel);
    /// such pages are never cached.
    var staffPanel: (@Sendable (Request, LabelCode, ScanResult) async throws -> String?)? = nil

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/E/{code}", use: show)
        router.post("/E/{code}/complaints", use: fileFromForm)
        // A code typed or copied in lower case: the same label.
        router.get("/e/{code}", use: show)
        router.post("/e/{code}/complaints", use: fileFromForm)
        router.get("/api/v1/elevators/{number}", use: byNumber)
    }

    /// `GET /E/<code>`: verification first, then the facts; HTML or JSON.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let path = try context.parameters.require("code")
        let json = request.wantsJSON
        let language = request.language
        let code: LabelCode
        do {
            code = try LabelCode(path: path, baseURL: labelBaseURL)
        } catch {
            // Malformed: answered every time, never cached (junk URLs must not fill the cache).
            let result = ScanResult(outcome: .malformed, reason: error.description)
            metrics.recordVerification(result.outcome)
            let status = Self.status(of: result)
            if json { return .json(body: try Response.jsonBody(result), status: status) }
            return .html(body: ByteBuffer(string: PageRenderer.shared.labelPage(result, codePath: nil, language: language)), status: status)
        }
        if !json, let staffPanel, request.cookies[ConsoleCookie.name] != nil {
            let result = try await lookup.lookup(code, today: today())
            if let panel = try await staffPanel(request, code, result) {
                metrics.recordVerification(result.outcome)
                var response = Response.html(
                    PageRenderer.shared.labelPage(result, codePath: path, language: language, staffPanel: panel), status: Self.status(of: result))
                response.headers[.cacheControl] = "no-store"
                return response
            }
        }
        let key = PageCache.Key(label: code, language: language, json: json)
        if let cached = pageCache.entry(for: key) {
            metrics.recordVerification(cached.outcome)
            return json ? .json(body: cached.body, status: cached.status) : .html(body: cached.body, status: cached.status)
        }
        let result = try await lookup.lookup(code, today: today())
        metrics.recordVerification(result.outcome)
        let status = Self.status(of: result)
        let body: ByteBuffer
        if json {
            body = try Response.jsonBody(result)
        } else {
            body = ByteBuffer(string: PageRenderer.shared.labelPage(result, codePath: path, language: language))
        }
        pageCache.store(key, status: status, body: body, outcome: result.outcome)
        return json ? .json(body: body, status: status) : .html(body: body, status: status)
    }

    /// `GET /api/v1/elevators/<number>`: public facts by number, unverified.
    @Sendable func byNumber(_ request: Request, context: AppRequestContext) async throws -> Response {
        let number = try context.parameters.require("number")
        let result = try await lookup.lookup(typed: number, today: today())
        metrics.recordVerification(result.outcome)
        return try .json(result, status: Self.status(of: result))
    }

    /// `POST /E/<code>/complaints`: the page's form; 303 to the ticket page.
    @Sendable func fileFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let path = try context.parameters.require("code")
        let language = request.language
        let body = try await request.collectBody(limit: context.maxUploadSize)
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw APIError(.badRequest, code: "bad-encoding", message: "the form is not UTF-8", html: true, language: language)
        }
        let form: ComplaintForm
        do {
            form = try URLEncodedFormDecoder().decode(ComplaintForm.self, from: text)
        } catch {
            throw APIError(.badRequest, code: "bad-form", message: "the form could not be read", html: true, language: language)
        }
        let formLanguage = form.lang.map { Language(preferring: $0) } ?? language
        guard let category = ComplaintCategory(rawValue: form.category ?? "complaint") else {
            throw APIError(.badRequest, code: "invalid-category", message: "unknown category", field: "category", html: true, language: formLanguage)
        }
        let problem = try form.problem.flatMap { value -> ComplaintProblem? in
            guard !value.isEmpty else { return nil }
            guard let problem = ComplaintProblem(rawValue: value) else {
                throw APIError(.badRequest, code: "invalid-problem", message: "unknown problem", field: "problem", html: true, language: formLanguage)
            }
            return problem
        }
        let draft = ComplaintDraft(category: category, problem: problem, text: form.text, phone: form.phone, role: .passenger)
        let complaint = try await desk.file(draft, about: .codePath(path), clientAddress: context.clientAddress, html: true, language: formLanguage)
        var headers = HTTPFields()
        headers[.location] = "/T/\(complaint.ticket)" + (formLanguage == .en ? "?lang=en" : "")
        return Response(status: .seeOther, headers: headers)
    }

    /// genuine 200, counterfeit 403, revoked 410, malformed 400, unknown elevator 404.
    static func status(of result: ScanResult) -> HTTPResponse.Status {
        switch result.outcome {
        case .malformed: return .badRequest
        case .counterfeit: return .forbidden
        case .revoked: return .gone
        case .genuine, .unverified: return result.elevator == nil ? .notFound : .ok
        }
    }
}

/// The complaint form's fields.
struct ComplaintForm: Decodable {
    var category: String?
    var problem: String?
    var text: String?
    var phone: String?
    var lang: String?
}
