import AsyncHTTPClient
import Foundation
import LiftCore
import LiftCrypto
import Logging
import NIOCore
import ServiceLifecycle

/// Delivers routed complaints to maintenance units' webhooks from the outbox, at least once:
/// a delivery stays queued until the unit answers 2xx, retried with exponential backoff, and
/// survives restarts because the queue is the database.
public struct OutboxWorker: Service {
    let outbox: any OutboxStore
    let httpClient: HTTPClient
    let logger: Logger
    let pollInterval: Duration
    let timeout: TimeAmount

    public init(outbox: any OutboxStore, httpClient: HTTPClient, logger: Logger, pollInterval: Duration = .seconds(1), timeout: TimeAmount = .seconds(10)) {
        self.outbox = outbox
        self.httpClient = httpClient
        self.logger = logger
        self.pollInterval = pollInterval
        self.timeout = timeout
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await deliverDue(now: Date())
            } catch {
                logger.error("outbox: \(error)")
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Tries every due delivery once. Returns how many succeeded.
    public func deliverDue(now: Date) async throws -> Int {
        var delivered = 0
        for delivery in try await outbox.dueDeliveries(at: now, limit: 50) {
            if try await deliver(delivery) { delivered += 1 }
        }
        return delivered
    }

    func deliver(_ delivery: OutboxDelivery) async throws -> Bool {
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "Idempotency-Key", value: delivery.ticket)
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        // Signed with the unit's secret (X-Liftcode-Timestamp, X-Liftcode-Signature), as the README documents.
        if let secret = delivery.secret {
            for header in WebhookSignature(secret: secret).headers(body: delivery.payload.utf8, at: Date()) {
                request.headers.add(name: header.name, value: header.value)
            }
        }
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(response.status.code) else {
                try await fail(delivery, "HTTP \(response.status.code)")
                return false
            }
            try await outbox.markDelivered(delivery.id, at: Date())
            logger.info("outbox: delivered \(delivery.ticket) to \(delivery.url)")
            return true
        } catch {
            try await fail(delivery, "\(error)")
            return false
        }
    }

    func fail(_ delivery: OutboxDelivery, _ reason: String) async throws {
        let retryAt = Date().addingTimeInterval(Self.backoff(attempt: delivery.attempts + 1))
        try await outbox.markFailed(delivery.id, error: reason, retryAt: retryAt)
        logger.warning("outbox: \(delivery.ticket) to \(delivery.url) failed (\(reason)); retrying at \(retryAt)")
    }

    /// 2, 4, 8 … seconds, at most an hour.
    static func backoff(attempt: Int) -> TimeInterval {
        min(3600, pow(2, Double(min(attempt, 12))))
    }
}
