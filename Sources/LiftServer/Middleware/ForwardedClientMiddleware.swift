import Foundation
import HTTPTypes
import Hummingbird
import LiftCore

/// Behind a reverse proxy every request comes from the proxy's address, so rate limits and
/// sign-in lock-outs would count all passengers as one client. For a request whose peer is a
/// trusted proxy, the client is the nearest address in `X-Forwarded-For` that is not itself a
/// trusted proxy (the proxy appends the address it saw; what a client wrote before it is not
/// believed). Requests from any other peer keep the peer's address, whatever they claim.
struct ForwardedClientMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let trustedProxies: Set<IPAddress>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A server listening on :: sees an IPv4 proxy as ::ffff:a.b.c.d.
        guard let peer = IPAddress(context.clientAddress)?.unmapped, trustedProxies.contains(peer) else { return try await next(request, context) }
        var context = context
        if let forwarded = Self.client(forwardedFor: request.headers[values: .xForwardedFor], trustedProxies: trustedProxies) {
            context.clientAddress = forwarded
        }
        return try await next(request, context)
    }

    /// The nearest forwarded address that is not a trusted proxy: the lists read right to left,
    /// each entry an IPv4 or IPv6 address; nil when there is none, or an entry is not an address
    /// (the header is not trusted then).
    static func client(forwardedFor values: [String], trustedProxies: Set<IPAddress>) -> String? {
        let entries = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for entry in entries.reversed() {
            guard let address = IPAddress(entry) else { return nil }
            // ::ffff:a.b.c.d is a.b.c.d: one client, one budget, whichever form a proxy wrote.
            if !trustedProxies.contains(address.unmapped) { return address.unmapped == address ? entry : Self.text(address.unmapped) }
        }
        return nil
    }
}

extension ForwardedClientMiddleware {
    /// An IPv4 address as text (a.b.c.d).
    static func text(_ address: IPAddress) -> String {
        address.bytes.map(String.init).joined(separator: ".")
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
