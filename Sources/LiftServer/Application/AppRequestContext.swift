import Hummingbird
import LiftCore
import NIOCore

/// The per-request context: the authenticated account, if any, and the client's address.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthenticator` for a valid token.
    public var account: Account?
    /// Set by `ConsoleAuthenticator` for a live console session.
    public var signIn: ConsoleSignIn?
    /// The client's IP address, for rate limits and sign-in lock-outs: the peer's, or the one a
    /// trusted reverse proxy forwarded (`ForwardedClientMiddleware`).
    public internal(set) var clientAddress: String
    /// The largest body a route collects; `BodyLimitMiddleware` sets the configured one.
    public var maxUploadSize: Int

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        maxUploadSize = 16 * 1024
    }
}
