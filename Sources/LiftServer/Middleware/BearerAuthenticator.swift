import Hummingbird
import LiftCore
import LiftCrypto

/// Finds the account of an `Authorization: Bearer` token (stored only as its SHA-256).
/// Routes behind it answer 401 without a valid token.
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: any AccountStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.unauthorized
        }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty, token.utf8.count <= 256, let account = try await accounts.account(tokenHash: AccessToken.hash(token)) else {
            throw APIError(.unauthorized, code: "unauthorized", message: "the bearer token is not valid or was revoked")
        }
        var context = context
        context.account = account
        // What an account sees is personal or scoped: never kept by a cache.
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension AppRequestContext {
    /// The account, or 401.
    func requireAccount() throws -> Account {
        guard let account else { throw APIError.unauthorized }
        return account
    }

    /// The account if its role is one of `roles`, else 403.
    func requireRole(_ roles: AccountRole...) throws -> Account {
        let account = try requireAccount()
        guard roles.contains(account.role) else {
            throw APIError.forbidden("this needs a \(roles.map(\.rawValue).joined(separator: " or ")) account; yours is \(account.role.rawValue)")
        }
        return account
    }
}
