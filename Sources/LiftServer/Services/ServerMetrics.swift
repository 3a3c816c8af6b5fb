import Foundation
import LiftCore
import Prometheus

/// The server's Prometheus metrics: requests and latency by route, verification outcomes,
/// complaints by category. One registry per application, so tests can build many apps.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let outcomes: [VerificationOutcome: Counter]
    private let categories: [ComplaintCategory: Counter]

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        outcomes = Dictionary(uniqueKeysWithValues: VerificationOutcome.allCases.map {
            ($0, registry.makeCounter(descriptor: Self.descriptor("label_verifications", "total", "Label lookups by verification outcome"), labels: [("outcome", $0.rawValue)]))
        })
        categories = Dictionary(uniqueKeysWithValues: ComplaintCategory.allCases.map {
            ($0, registry.makeCounter(descriptor: Self.descriptor("complaints", "total", "Complaints filed by category"), labels: [("category", $0.rawValue)]))
        })
    }

    static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "liftcode", metricName: name, unitName: unit, helpText: help)
    }

    func recordVerification(_ outcome: VerificationOutcome) { outcomes[outcome]?.increment() }
    func recordComplaint(_ category: ComplaintCategory) { categories[category]?.increment() }

    /// Counts a request and its latency under its route and status.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(descriptor: Self.descriptor("http_requests", "total", "HTTP requests by route"), labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: Self.descriptor("http_request_duration", "seconds", "HTTP request latency by route"),
            labels: [("route", route), ("method", method)],
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .seconds(1)]
        ).record(duration)
    }

    /// The exposition text for `GET /metrics`.
    public func exposition() -> String { registry.emitToString() }
}
