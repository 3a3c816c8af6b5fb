/// Why an account operation was refused.
public enum AccountStoreError: Error, Sendable, CustomStringConvertible {
    case noLiveAccount(Int64)
    case loginTaken(String)
    case unknownLogin(String)
    /// The worker login already has this live account.
    case workerHasAccount(String, Int64)

    public var description: String {
        switch self {
        case .noLiveAccount(let id): "there is no live account \(id)"
        case .loginTaken(let login): "login \(login) is already taken by a live account (revoke it first, or choose another --login)"
        case .unknownLogin(let login): "no live account has login \(login)"
        case .workerHasAccount(let login, let id):
            "worker \(login) already has account \(id): use its token, or revoke it first (liftcode accounts revoke \(id))"
        }
    }
}
