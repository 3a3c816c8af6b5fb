import Foundation

/// A complaint as its reporter sees it on the ticket page, in the ticket's JSON and on a kiosk:
/// never the phone number, and for a classified (涉秘) elevator nothing of the unit or the people
/// handling it, since its label page shows none of that. The one place this rule is written.
public struct PublicComplaint: Sendable, Hashable, Codable {
    public var ticket: String
    public var elevator: String
    public var category: ComplaintCategory
    public var problem: ComplaintProblem?
    public var text: String?
    public var status: ComplaintState
    /// The unit it went to; nil for a classified elevator.
    public var routedTo: String?
    /// Whether it went to the district's regulator (a counterfeit label) rather than a maintenance unit.
    public var routedToRegulator: Bool
    public var resolution: String?
    public var satisfied: Bool?
    public var createdAt: Date
    /// The timeline; for a classified elevator its notes (who routed, who acknowledged) are left out.
    public var events: [ComplaintEvent]
    /// Where the rescue of a trapped report stands (never who the rescuer is).
    public var rescue: PublicRescue?

    public init(_ complaint: Complaint) {
        let hidesHandlers = complaint.elevatorIsClassified
        ticket = complaint.ticket
        elevator = complaint.number.description
        category = complaint.draft.category
        problem = complaint.draft.problem
        text = complaint.draft.text
        status = complaint.state
        routedTo = hidesHandlers ? nil : complaint.routedTo
        routedToRegulator = complaint.verification == .counterfeit && complaint.routedTo != nil
        resolution = complaint.resolution
        satisfied = complaint.satisfied
        createdAt = complaint.createdAt
        rescue = complaint.rescue
        events = complaint.events.map { event in
            var shown = event
            if hidesHandlers, event.state != .closed { shown.note = nil }
            return shown
        }
    }
}
