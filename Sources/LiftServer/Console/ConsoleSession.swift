import Foundation
import LiftCore

/// What a console session holds server-side: whose it is and the token its forms must carry.
struct ConsoleSession: Codable, Sendable {
    var accountID: Int64
    /// The CSRF token every form of this session posts back.
    var csrf: String
    var signedInAt: Date

    /// How long a session lives without a request: 12 hours for a worker (a day on site), 30
    /// minutes for everybody else.
    static func idleLifetime(for role: AccountRole) -> Duration {
        role == .worker ? .seconds(12 * 3600) : .seconds(30 * 60)
    }

    /// A fresh unguessable token (256 bits, URL-safe).
    static func newToken() -> String {
        Base32.encode(RandomBytes.make(32))
    }
}

/// The signed-in person of a console request.
public struct ConsoleSignIn: Sendable {
    public let account: Account
    /// The CSRF token of the session, for the page's forms.
    public let csrf: String
}
