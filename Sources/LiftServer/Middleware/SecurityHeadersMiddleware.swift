import HTTPTypes
import Hummingbird

/// Puts the headers every answer needs: no content sniffing and no referrer (ticket pages carry
/// their secret in the URL), and on HTML a Content-Security-Policy that allows nothing from
/// elsewhere and no framing. Ticket answers, which hold personal data, are never stored by caches.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Pages load nothing from elsewhere: their one stylesheet is inline, they have no script, and
    /// forms post back to this server.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            response.headers[.xFrameOptions] = "DENY"
        }
        if request.uri.path.hasPrefix("/T/") || request.method == .post {
            // Ticket pages, and every answer to a POST (a filing's answer carries its ticket).
            response.headers[.cacheControl] = "no-store"
        } else if response.headers[.cacheControl] == nil {
            // A label's answer changes with revocations and maintenance: always asked again.
            response.headers[.cacheControl] = "no-cache"
        }
        return response
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
