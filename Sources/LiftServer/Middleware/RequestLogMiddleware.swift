import Hummingbird
import Logging

/// Logs each request's method, path, status and time, with ticket ids (the reporter's secret
/// key to `/T/<ticket>`) replaced by `…`, so a log reader cannot open anybody's ticket.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let path = Self.redacted(request.uri.path)
        do {
            let response = try await next(request, context)
            context.logger.log(level: level, "\(request.method) \(path) \(response.status.code) \(ContinuousClock.now - started)")
            return response
        } catch let error as any HTTPResponseError {
            context.logger.log(level: level, "\(request.method) \(path) \(error.status.code) \(ContinuousClock.now - started)")
            throw error
        } catch {
            context.logger.log(level: level, "\(request.method) \(path) error \(ContinuousClock.now - started)")
            throw error
        }
    }

    /// The path with the ticket of `/T/<ticket>…` hidden.
    static func redacted(_ path: String) -> String {
        guard path.hasPrefix("/T/") || path.hasPrefix("/t/") else { return path }
        let rest = path.dropFirst(3)
        if let slash = rest.firstIndex(of: "/") { return "/T/…" + rest[slash...] }
        return "/T/…"
    }
}
