import Foundation

/// Accounts, looked up by the hash of their bearer token, or by login and password in the console.
public protocol AccountStore: Sendable {
    /// Stores a new account under the hash of its token (and its password hash, when it has one).
    /// Throws `AccountStoreError.loginTaken` when a live account already has the login.
    func addAccount(_ account: Account, tokenHash: String, passwordHash: String?) async throws -> Account
    /// The live (not revoked) account whose token hashes to `tokenHash`.
    func account(tokenHash: String) async throws -> Account?
    /// A live account by id.
    func account(id: Int64) async throws -> Account?
    /// A live account by login, with its bcrypt password hash (nil: no password set).
    func account(login: String) async throws -> (account: Account, passwordHash: String?)?
    /// Sets a live account's password hash; throws `AccountStoreError.unknownLogin`.
    func setPasswordHash(_ hash: String, login: String) async throws
    /// Every account, revoked ones too, by id.
    func accounts() async throws -> [Account]
    /// Revokes a live account; throws `AccountStoreError.noLiveAccount`.
    func revokeAccount(id: Int64, at: Date) async throws

    /// Records a failed sign-in, for the lock-out (`SignInThrottle`).
    func recordSignInFailure(login: String, address: String, at: Date) async throws
    /// The times of a login's failed sign-ins since `since`.
    func signInFailures(login: String, since: Date) async throws -> [Date]
    /// How many sign-ins failed from an address since `since`.
    func signInFailureCount(address: String, since: Date) async throws -> Int
    /// Forgets a login's failures (after a successful sign-in).
    func clearSignInFailures(login: String) async throws
}

extension AccountStore {
    /// Stores a new account without a password.
    public func addAccount(_ account: Account, tokenHash: String) async throws -> Account {
        try await addAccount(account, tokenHash: tokenHash, passwordHash: nil)
    }
}
