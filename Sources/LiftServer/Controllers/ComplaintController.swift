import Foundation
import Hummingbird
import LiftCore

/// Filing complaints by JSON and following them by ticket.
struct ComplaintController: Sendable {
    let desk: ComplaintDesk
    let complaints: any ComplaintStore
    /// The public address ticket links start with: "https://lc.example.cn".
    let linkBase: String

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/complaints", use: file)
        router.get("/T/{ticket}", use: show)
        router.post("/T/{ticket}/feedback", use: feedback)
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.collectBody(limit: context.maxUploadSize)
        let input = try Self.decodeJSON(ComplaintRequest.self, from: body)
        let subject: ComplaintDesk.Subject
        switch (input.label, input.elevator) {
        case (let label?, nil): subject = .code(label)
        case (nil, let elevator?): subject = .number(elevator)
        default: throw APIError.badRequest("give exactly one of \"label\" (a scanned code) or \"elevator\" (N006109)", field: "label")
        }
        let complaint = try await desk.file(input.draft, about: subject, clientAddress: context.clientAddress, language: request.language)
        return try .json(ComplaintReceipt(complaint, linkBase: linkBase), status: .created)
    }

    /// Decodes JSON, turning decoding failures into a 400 that names the field.
    static func decodeJSON<T: Decodable>(_ type: T.Type, from body: ByteBuffer) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(body.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("\"\(key.stringValue)\" is required", field: key.stringValue)
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.last?.stringValue
            throw APIError.badRequest(field.map { "\"\($0)\" has a value that is not allowed" } ?? "the body is not valid JSON", field: field)
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.last?.stringValue ?? "body"
            throw APIError.badRequest("\"\(field)\" has the wrong type", field: field)
        } catch let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.last?.stringValue ?? "body"
            throw APIError.badRequest("\"\(field)\" must not be null", field: field)
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ticket = try context.parameters.require("ticket").uppercased()
        guard ticket.utf8.count <= 32, let complaint = try await complaints.complaint(ticket: ticket) else {
            throw APIError(.notFound, code: "unknown-ticket", message: "no complaint has this ticket", html: !request.wantsJSON, language: request.language)
        }
        if request.wantsJSON { return try .json(complaint.reporterView) }
        return .html(PageRenderer.shared.ticketPage(complaint.reporterView, language: request.language))
    }

    /// `POST /T/<ticket>/feedback`: `satisfied=true|false` as a form or `{"satisfied": true}`.
    @Sendable func feedback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ticket = try context.parameters.require("ticket").uppercased()
        let body = try await request.collectBody(limit: context.maxUploadSize)
        let isJSON = request.headers[.contentType]?.contains("json") == true
        struct Feedback: Decodable {
            var satisfied: Bool
            var lang: String?
        }
        let input: Feedback
        if isJSON {
            input = try Self.decodeJSON(Feedback.self, from: body)
        } else {
            guard let form = String(validating: body.readableBytesView, as: UTF8.self),
                let decoded = try? URLEncodedFormDecoder().decode(Feedback.self, from: form)
            else { throw APIError(.badRequest, code: "invalid-satisfied", message: "satisfied must be true or false", field: "satisfied", html: true, language: request.language) }
            input = decoded
        }
        let complaint: Complaint
        do {
            complaint = try await complaints.recordFeedback(ticket: ticket, satisfied: input.satisfied, at: Date())
        } catch let error as ComplaintStoreError {
            throw APIError(error.status, code: "feedback-refused", message: error.description, html: !isJSON, language: request.language)
        }
        if isJSON { return try .json(complaint.reporterView) }
        var headers = HTTPFields()
        headers[.location] = "/T/\(ticket)" + (input.lang == "en" ? "?lang=en" : "")
        return Response(status: .seeOther, headers: headers)
    }
}

extension ComplaintStoreError {
    /// The HTTP status that says this.
    var status: HTTPResponse.Status {
        switch self {
        case .unknownElevator, .unknownTicket: .notFound
        case .wrongState: .conflict
        }
    }
}
