import Hummingbird
import LiftCore

/// Health, metrics and the published key set.
struct SystemController: Sendable {
    let metrics: ServerMetrics
    let keys: TrustedKeys

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        router.get("/api/v1/keys") { _, _ in try Response.json(["keys": keys.published]) }
    }
}
