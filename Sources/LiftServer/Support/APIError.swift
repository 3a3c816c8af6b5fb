import Foundation
import HTTPTypes
import Hummingbird
import LiftCore

/// An error the API answers with: a status and `{"error": {"code", "message", "field"}}`, or an
/// HTML page for pages a person reads.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let field: String?
    public let html: Bool
    public let language: Language

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, html: Bool = false, language: Language = .zh) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.html = html
        self.language = language
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let field: String?
        }
        let error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if html {
            let page = PageRenderer.shared.errorPage(status: status, message: message, language: language)
            return Response.html(page, status: status)
        }
        let data = try JSONEncoder().encode(Body(error: .init(code: code, message: message, field: field)))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: "bad-request", message: message, field: field)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not-found", message: message)
    }

    static let unauthorized = APIError(.unauthorized, code: "unauthorized", message: "a bearer token is required (Authorization: Bearer …)")

    static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: message)
    }
}

extension Response {
    /// An HTML response with no caching of personal data.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// An HTML response from a rendered page.
    static func html(body: ByteBuffer, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// A JSON response from encoded JSON.
    static func json(body: ByteBuffer, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// A JSON response from an encodable value.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        .json(body: try jsonBody(value), status: status)
    }

    /// An encodable value as the API's JSON: ISO 8601 dates, slashes unescaped.
    static func jsonBody(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }
}

extension Request {
    /// Whether the client asked for JSON rather than a page.
    var wantsJSON: Bool {
        guard let accept = headers[.accept] else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    /// The page language: `?lang=`, then Accept-Language, then Chinese.
    var language: Language {
        if let lang = uri.queryParameters.get("lang") { return Language(preferring: lang) }
        return Language(preferring: headers[.acceptLanguage])
    }

    /// Collects the body up to the context's limit, answering 413 past it.
    func collectBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, code: "too-large", message: "the request body is larger than \(limit) bytes")
        }
    }
}
