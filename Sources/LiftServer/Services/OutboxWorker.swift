import AsyncHTTPClient
import Foundation
import LiftCore
import LiftCrypto
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Delivers routed complaints to maintenance units' webhooks from the outbox, at least once:
/// a delivery stays queued until the unit answers 2xx, retried with exponential backoff, and
/// survives restarts because the queue is the database.
///
/// Each webhook address is its own queue: a unit whose webhook hangs delays only its own
/// deliveries, never another unit's alarm. No redirect is followed (a 3xx is a failed attempt),
/// and an address that is not http(s) or that names or resolves to a loopback, link-local or
/// private host is refused unless the operator allows it. On SIGTERM deliveries in flight are
/// abandoned at once and stay queued for the next start.
public struct OutboxWorker: Service {
    let outbox: any OutboxStore
    let httpClient: HTTPClient
    let logger: Logger
    let pollInterval: Duration
    let timeout: TimeAmount
    let allowPrivateAddresses: Bool
    let resolve: @Sendable (String) async throws -> [IPAddress]
    /// Webhook addresses with a delivery under way.
    private let busy = BusySet()

    /// - Parameters:
    ///   - allowPrivateAddresses: deliver to loopback, link-local and private hosts too (a test rig,
    ///     or units on the operator's own network).
    ///   - resolve: the host's addresses (the system resolver by default).
    public init(
        outbox: any OutboxStore, httpClient: HTTPClient, logger: Logger, pollInterval: Duration = .seconds(1),
        timeout: TimeAmount = .seconds(10), allowPrivateAddresses: Bool = false,
        resolve: @escaping @Sendable (String) async throws -> [IPAddress] = HostResolver.addresses(of:)
    ) {
        self.outbox = outbox
        self.httpClient = httpClient
        self.logger = logger
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.allowPrivateAddresses = allowPrivateAddresses
        self.resolve = resolve
    }

    /// The HTTP client webhooks need: it follows no redirect.
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func run() async throws {
        // Graceful shutdown cancels the loop and every delivery in flight; what was not
        // acknowledged stays in the outbox.
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    do {
                        for (url, deliveries) in try await dueByAddress(now: Date()) where busy.claim(url) {
                            group.addTask {
                                defer { busy.release(url) }
                                _ = await deliver(deliveries)
                            }
                        }
                    } catch is CancellationError {
                        break
                    } catch {
                        logger.error("outbox: \(error)")
                    }
                    do { try await Task.sleep(for: pollInterval) } catch { break }
                }
                group.cancelAll()
            }
        }
    }

    /// Tries every due delivery once, each webhook address in parallel with the others. Returns
    /// how many succeeded.
    public func deliverDue(now: Date) async throws -> Int {
        let due = try await dueByAddress(now: now)
        return await withTaskGroup(of: Int.self) { group in
            for (_, deliveries) in due {
                group.addTask { await deliver(deliveries) }
            }
            return await group.reduce(0, +)
        }
    }

    /// Due deliveries of addresses not already being served, grouped by address, oldest first.
    func dueByAddress(now: Date) async throws -> [(String, [OutboxDelivery])] {
        let due = try await outbox.dueDeliveries(at: now, limit: 200, excluding: busy.addresses)
        var order: [String] = []
        var groups: [String: [OutboxDelivery]] = [:]
        for delivery in due {
            if groups[delivery.url] == nil { order.append(delivery.url) }
            groups[delivery.url, default: []].append(delivery)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// One address's deliveries, one after another; stops at the first failure (the rest wait
    /// for the backoff with it). Returns how many succeeded.
    func deliver(_ deliveries: [OutboxDelivery]) async -> Int {
        var delivered = 0
        for delivery in deliveries {
            guard !Task.isCancelled else { break }
            do {
                guard try await deliver(delivery) else { break }
                delivered += 1
            } catch {
                logger.error("outbox: \(delivery.complaintID): \(error)")
                break
            }
        }
        return delivered
    }

    func deliver(_ delivery: OutboxDelivery) async throws -> Bool {
        let endpoint: WebhookEndpoint
        do {
            endpoint = try WebhookEndpoint(validating: delivery.url, allowPrivateAddresses: allowPrivateAddresses)
            if !allowPrivateAddresses, IPAddress(endpoint.host) == nil {
                let addresses = try await resolve(endpoint.host)
                if addresses.isEmpty || addresses.contains(where: { !$0.isPublic }) {
                    throw WebhookEndpointError.internalAddress(endpoint.host)
                }
            }
        } catch let error as WebhookEndpointError {
            try await fail(delivery, "refused: \(error.description)")
            return false
        } catch is CancellationError {
            return false
        } catch {
            try await fail(delivery, "cannot resolve the webhook's host: \(error)")
            return false
        }
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "Idempotency-Key", value: delivery.complaintID)
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
                let reason = (300..<400).contains(response.status.code) ? "HTTP \(response.status.code): redirects are not followed" : "HTTP \(response.status.code)"
                try await fail(delivery, reason)
                return false
            }
            try await outbox.markDelivered(delivery.id, at: Date())
            logger.info("outbox: delivered complaint \(delivery.complaintID) to \(delivery.url)")
            return true
        } catch {
            // Cancelled by shutdown: leave the row as it is, for the next start.
            if Task.isCancelled { return false }
            try await fail(delivery, "\(error)")
            return false
        }
    }

    func fail(_ delivery: OutboxDelivery, _ reason: String) async throws {
        let retryAt = Date().addingTimeInterval(Self.backoff(attempt: delivery.attempts + 1))
        try await outbox.markFailed(delivery.id, error: reason, retryAt: retryAt)
        logger.warning("outbox: complaint \(delivery.complaintID) to \(delivery.url) failed (\(reason)); retrying at \(retryAt)")
    }

    /// 2, 4, 8 … seconds, at most an hour.
    static func backoff(attempt: Int) -> TimeInterval {
        min(3600, pow(2, Double(min(attempt, 12))))
    }
}

/// The webhook addresses with a delivery under way.
final class BusySet: Sendable {
    private let urls = Mutex<Set<String>>([])

    /// Marks an address busy; false when it already was.
    func claim(_ url: String) -> Bool { urls.withLock { $0.insert(url).inserted } }
    func release(_ url: String) { _ = urls.withLock { $0.remove(url) } }
    var addresses: Set<String> { urls.withLock { $0 } }
}

/// The system resolver, off the caller's thread.
public enum HostResolver {
    /// Every address a host name resolves to.
    public static func addresses(of host: String) async throws -> [IPAddress] {
        try await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, nil, &hints, &list)
            guard status == 0, let first = list else {
                throw HostResolutionError(host: host, reason: String(cString: gai_strerror(status)))
            }
            defer { freeaddrinfo(first) }
            var found: [IPAddress] = []
            var next: UnsafeMutablePointer<addrinfo>? = first
            while let entry = next {
                if let address = entry.pointee.ai_addr {
                    switch Int32(address.pointee.sa_family) {
                    case AF_INET:
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                            let bytes = withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }
                            if let ip = IPAddress(bytes: bytes) { found.append(ip) }
                        }
                    case AF_INET6:
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                            let bytes = withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
                            if let ip = IPAddress(bytes: bytes) { found.append(ip) }
                        }
                    default: break
                    }
                }
                next = entry.pointee.ai_next
            }
            return found
        }
    }
}

/// A host name that did not resolve.
public struct HostResolutionError: Error, CustomStringConvertible {
    public let host: String
    public let reason: String
    public var description: String { "\(host) does not resolve (\(reason))" }
}
