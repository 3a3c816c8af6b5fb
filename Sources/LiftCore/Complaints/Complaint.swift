import Foundation

/// A filed complaint with its routing and timeline.
public struct Complaint: Sendable, Hashable, Codable {
    /// The unguessable id the reporter follows it by: a secret, shown to the reporter and the
    /// handling unit only.
    public var ticket: String
    /// The id public lists (Open311) name it by; it opens nothing.
    public var publicID: String
    public var draft: ComplaintDraft
    public var number: NNumber
    /// The scanned label, when the complaint came from a scan.
    public var label: LabelID?
    /// How the code or number it came with was verified.
    public var verification: VerificationOutcome
    public var state: ComplaintState
    /// The unit it went to: the maintenance unit, or the district regulator for a counterfeit label.
    public var routedTo: String?
    /// The worker of the last counted maintenance, where known.
    public var routedWorker: String?
    public var resolution: String?
    /// The reporter's feedback: true satisfied, false not.
    public var satisfied: Bool?
    public var createdAt: Date
    public var events: [ComplaintEvent]
    /// Whether the elevator is classified (涉秘): public answers then show nothing of who handles it.
    public var elevatorIsClassified: Bool
    /// The rescue order a trapped report opened or joined (its public id), and where it stands.
    public var rescueID: String?
    public var rescue: PublicRescue?

    public init(
        ticket: String, publicID: String, elevatorIsClassified: Bool = false, draft: ComplaintDraft, number: NNumber, label: LabelID?, verification: VerificationOutcome,
        state: ComplaintState, routedTo: String?, routedWorker: String?, resolution: String? = nil,
        satisfied: Bool? = nil, createdAt: Date, events: [ComplaintEvent] = []
    ) {
        self.ticket = ticket
        self.publicID = publicID
        self.elevatorIsClassified = elevatorIsClassified
        self.draft = draft
        self.number = number
        self.label = label
        self.verification = verification
        self.state = state
        self.routedTo = routedTo
        self.routedWorker = routedWorker
        self.resolution = resolution
        self.satisfied = satisfied
        self.createdAt = createdAt
        self.events = events
    }

    /// Complaints not closed by feedback are closed this long after they were resolved.
    public static let autoCloseInterval: TimeInterval = 7 * 86_400

    /// A fresh unguessable ticket id: "T" and 20 base32 characters (100 random bits).
    public static func newTicket() -> String {
        "T" + Base32.encode(RandomBytes.make(13)).prefix(20)
    }

    /// A fresh public id: "C" and 12 base32 characters (60 random bits), unrelated to the ticket.
    public static func newPublicID() -> String {
        "C" + Base32.encode(RandomBytes.make(8)).prefix(12)
    }

    /// What the reporter, holding the ticket, may see: everything but the phone number, and for a
    /// classified elevator nothing of the unit or people handling it (its label page shows none).
    public var reporterView: PublicComplaint { PublicComplaint(self) }
}

/// One step of a complaint's timeline.
public struct ComplaintEvent: Sendable, Hashable, Codable {
    public var at: Date
    public var state: ComplaintState
    public var note: String?

    public init(at: Date, state: ComplaintState, note: String? = nil) {
        self.at = at
        self.state = state
        self.note = note
    }
}
