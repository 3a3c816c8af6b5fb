import Foundation

/// A complaint as a regulator sees it: named by its public id, never its ticket (the reporter's
/// secret) or the reporter's phone.
public struct SupervisedComplaint: Sendable, Hashable, Codable {
    /// The complaint's public id.
    public var id: String
    public var number: NNumber
    public var district: String?
    public var street: String?
    public var address: String?
    public var category: ComplaintCategory
    public var problem: ComplaintProblem?
    public var text: String?
    public var verification: VerificationOutcome
    public var state: ComplaintState
    public var routedTo: String?
    public var resolution: String?
    public var satisfied: Bool?
    public var createdAt: Date
    public var updatedAt: Date
    /// Still open seven days after filing.
    public var isPastDue: Bool

    public init(
        id: String, number: NNumber, district: String?, street: String?, address: String?, category: ComplaintCategory,
        problem: ComplaintProblem?, text: String?, verification: VerificationOutcome, state: ComplaintState, routedTo: String?,
        resolution: String?, satisfied: Bool?, createdAt: Date, updatedAt: Date, isPastDue: Bool
    ) {
        self.id = id
        self.number = number
        self.district = district
        self.street = street
        self.address = address
        self.category = category
        self.problem = problem
        self.text = text
        self.verification = verification
        self.state = state
        self.routedTo = routedTo
        self.resolution = resolution
        self.satisfied = satisfied
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.isPastDue = isPastDue
    }
}
