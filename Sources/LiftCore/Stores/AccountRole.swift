import Foundation

/// What an account may do.
public enum AccountRole: String, Sendable, Codable, CaseIterable {
    /// A person of a maintenance unit: uploads maintenance, sees complaints routed to them.
    case worker
    /// A maintenance unit: lists, acknowledges and resolves its complaints.
    case maintainer
    /// A user unit (物业): its elevators and complaints.
    case property
    /// A district or street market-supervision office.
    case regulator
    /// The 96333 emergency line: enters rescues for calls taken by phone, city-wide, and follows them.
    case emergencyOperator = "operator"
    /// Accounts, keys, revocations.
    case admin
}
