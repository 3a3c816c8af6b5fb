import Foundation
import Hummingbird
import LiftCore

/// The public label routes: the page a phone opens when it scans a label, its complaint form,
/// and the by-number lookup.
struct LabelController: Sendable {
    let answers: LabelAnswers
    let desk: ComplaintDesk
    let metrics: ServerMetrics
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
            code = try LabelCode(path: path, baseURL: answers.labelBaseURL)
        } catch {
            // Malformed: answered every time, never cached (junk URLs must not fill the cache).
            let answer = answers.malformed(error, language: language, json: json)
            metrics.recordVerification(answer.outcome)
            return Self.response(answer, json: json)
        }
        if !json, let staffPanel, request.cookies[ConsoleCookie.name] != nil {
            let result = try await answers.lookup.lookup(code, today: today())
            if let panel = try await staffPanel(request, code, result) {
                metrics.recordVerification(result.outcome)
                let answer = answers.render(result, codePath: path, language: language, json: false, staffPanel: HTML(rendered: panel))
                var response = Self.response(answer, json: false)
                response.headers[.cacheControl] = "no-store"
                return response
            }
        }
        let key = PageCache.Key(label: code, language: language, json: json)
        if let cached = pageCache.entry(for: key) {
            metrics.recordVerification(cached.outcome)
            metrics.recordPageCache(hit: true)
            return json ? .json(body: cached.body, status: cached.status) : .html(body: cached.body, status: cached.status)
        }
        if pageCache.isEnabled { metrics.recordPageCache(hit: false) }
        let generation = pageCache.generation
        // The page is written with the code as labels print it (not as this request spelled it):
        // a cached page is served to everyone who scans the label.
        let answer = answers.render(try await answers.lookup.lookup(code, today: today()), codePath: code.path, language: language, json: json)
        metrics.recordVerification(answer.outcome)
        // Only answers to codes our keys signed are kept: anyone can make endless forged codes, and
        // caching their answers would let a stranger fill the cache and keep real labels out of it.
        if answer.outcome != .counterfeit {
            pageCache.store(key, status: answer.status, body: answer.body, outcome: answer.outcome, generation: generation)
        }
        return Self.response(answer, json: json)
    }

    /// `GET /api/v1/elevators/<number>`: public facts by number, unverified.
    @Sendable func byNumber(_ request: Request, context: AppRequestContext) async throws -> Response {
        let number = try context.parameters.require("number")
        let answer = try await answers.answer(typed: number, today: today())
        metrics.recordVerification(answer.outcome)
        return Self.response(answer, json: true)
    }

    static func response(_ answer: LabelAnswers.Answer, json: Bool) -> Response {
        json ? .json(body: answer.body, status: answer.status) : .html(body: answer.body, status: answer.status)
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
}

/// The label page's complaint form as posted; each field is checked by the route and the intake.
struct ComplaintForm: Decodable {
    /// complaint, alarm or trapped (a complaint when absent).
    var category: String?
    /// One of the listed problems, or empty.
    var problem: String?
    /// What the passenger wrote.
    var text: String?
    /// A phone number for the maintenance unit to call back, or empty.
    var phone: String?
    /// The language the page was shown in, so the answer keeps it.
    var lang: String?
}
