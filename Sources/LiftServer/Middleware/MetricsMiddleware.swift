import Hummingbird

/// Times every request and counts it under its route (the matched path pattern, so codes and
/// tickets do not explode the label set).
struct RouteMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let response = try await next(request, context)
            metrics.recordRequest(
                route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code,
                duration: clock.now - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status, duration: clock.now - started)
            throw error
        }
    }
}
