import Hummingbird

/// Gives the framework's own errors (an unknown route, a parameter that does not convert, a
/// query or body it cannot read) the API's error body, so no 4xx answer is empty: JSON
/// `{"error": {"code", "message"}}`, or an error page for the pages people open.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let path = request.uri.path
            let page = !request.wantsJSON && ["/E/", "/e/", "/T/"].contains { path.hasPrefix($0) }
            let code: String
            switch error.status.code {
            case 400: code = "bad-request"
            case 404: code = "not-found"
            case 405: code = "method-not-allowed"
            default: code = "error"
            }
            let message = error.body.flatMap { $0.isEmpty ? nil : $0 } ?? error.status.reasonPhrase.lowercased()
            throw APIError(error.status, code: code, message: message, html: page, language: request.language)
        }
    }
}
