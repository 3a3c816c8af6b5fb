import Foundation
import LiftCore
import Prometheus
import Synchronization

/// The server's Prometheus metrics: requests and latency by route, verification outcomes,
/// complaints by category. One registry per application, so tests can build many apps.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let outcomes: [VerificationOutcome: Counter]
    private let categories: [ComplaintCategory: Counter]
    /// Label answers served from the page cache, and those looked up while it was on.
    private let pageCacheHits: Counter
    private let pageCacheMisses: Counter
    /// Each route's counter and histogram, made once: the registry's lookup by name and labels
    /// is too slow for every request.
    private let requestMetrics = Mutex<[RequestKey: (Counter, DurationHistogram)]>([:])

    private struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        outcomes = Dictionary(uniqueKeysWithValues: VerificationOutcome.allCases.map {
            ($0, registry.makeCounter(descriptor: Self.descriptor("label_verifications", "total", "Label lookups by verification outcome"), labels: [("outcome", $0.rawValue)]))
        })
        categories = Dictionary(uniqueKeysWithValues: ComplaintCategory.allCases.map {
            ($0, registry.makeCounter(descriptor: Self.descriptor("complaints", "total", "Complaints filed by category"), labels: [("category", $0.rawValue)]))
        })
        let pageCache = Self.descriptor("page_cache_answers", "total", "Label answers from the page cache (hit) or looked up with the cache on (miss)")
        pageCacheHits = registry.makeCounter(descriptor: pageCache, labels: [("result", "hit")])
        pageCacheMisses = registry.makeCounter(descriptor: pageCache, labels: [("result", "miss")])
    }

    static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "liftcode", metricName: name, unitName: unit, helpText: help)
    }

    func recordVerification(_ outcome: VerificationOutcome) { outcomes[outcome]?.increment() }
    func recordComplaint(_ category: ComplaintCategory) { categories[category]?.increment() }
    func recordPageCache(hit: Bool) { (hit ? pageCacheHits : pageCacheMisses).increment() }

    /// Counts a request and its latency under its route and status.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let (counter, histogram) = requestMetrics.withLock { cache in
            if let made = cache[key] { return made }
            let made = (
                registry.makeCounter(
                    descriptor: Self.descriptor("http_requests", "total", "HTTP requests by route"),
                    labels: [("route", route), ("method", method), ("status", String(status))]),
                registry.makeDurationHistogram(
                    descriptor: Self.descriptor("http_request_duration", "seconds", "HTTP request latency by route"),
                    labels: [("route", route), ("method", method)],
                    buckets: [
                        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100),
                        .seconds(1),
                    ])
            )
            cache[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// The exposition text for `GET /metrics`.
    public func exposition() -> String { registry.emitToString() }
}
