/// The JSON body of `POST /api/v1/complaints`: exactly one of `label` (a scanned code) or
/// `elevator` (a typed number such as "N006109"), and the draft's fields. The server decodes it;
/// a remote kiosk encodes it.
public struct ComplaintRequest: Codable, Sendable, Hashable {
    public var label: String?
    public var elevator: String?
    public var category: ComplaintCategory
    public var problem: ComplaintProblem?
    public var text: String?
    public var phone: String?
    /// Passenger when absent.
    public var role: ReporterRole?

    public init(
        label: String? = nil, elevator: String? = nil, category: ComplaintCategory, problem: ComplaintProblem? = nil, text: String? = nil,
        phone: String? = nil, role: ReporterRole? = nil
    ) {
        self.label = label
        self.elevator = elevator
        self.category = category
        self.problem = problem
        self.text = text
        self.phone = phone
        self.role = role
    }

    /// The draft it carries.
    public var draft: ComplaintDraft {
        ComplaintDraft(category: category, problem: problem, text: text, phone: phone, role: role ?? .passenger)
    }
}
