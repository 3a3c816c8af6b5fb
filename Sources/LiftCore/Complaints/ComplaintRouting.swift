import Foundation

/// Where a newly filed complaint goes and the state it starts in: one rule for every store.
///
/// A complaint about a genuine or unverified label is routed to the elevator's maintenance unit
/// (and its last worker, and the unit's webhook); one about a counterfeit label goes to the
/// district's market-supervision office instead, with no worker and no webhook, because a forged
/// label is the regulator's business. A complaint nobody can be routed to stays `received`.
public struct ComplaintRouting: Sendable, Hashable {
    /// What the registry says about the complaint's elevator, as a store reads it.
    public struct ElevatorContacts: Sendable, Hashable {
        public var district: String
        public var maintenanceUnit: String?
        public var workerLogin: String?
        public var workerName: String?
        public var webhookURL: String?

        public init(district: String, maintenanceUnit: String?, workerLogin: String?, workerName: String?, webhookURL: String?) {
            self.district = district
            self.maintenanceUnit = maintenanceUnit
            self.workerLogin = workerLogin
            self.workerName = workerName
            self.webhookURL = webhookURL
        }
    }

    /// The unit or office the complaint is routed to; nil when there is none.
    public let routedTo: String?
    /// The worker told about it, by login.
    public let routedWorker: String?
    /// Where the complaint is delivered as a webhook, when the unit has one.
    public let webhookURL: String?
    public let state: ComplaintState
    /// The events the complaint is filed with: received, and routed when it is.
    public let events: [ComplaintEvent]

    public init(_ filing: ComplaintFiling, contacts: ElevatorContacts) {
        let counterfeit = filing.verification == .counterfeit
        routedTo = counterfeit ? RegulatorOffice.name(district: contacts.district) : contacts.maintenanceUnit
        routedWorker = counterfeit ? nil : contacts.workerLogin
        webhookURL = counterfeit ? nil : contacts.webhookURL
        var events = [ComplaintEvent(at: filing.receivedAt, state: .received)]
        if let routedTo {
            let workerName = counterfeit ? nil : contacts.workerName
            let note = [routedTo, workerName].compactMap { $0 }.joined(separator: " · ")
            events.append(ComplaintEvent(at: filing.receivedAt, state: .routed, note: note))
        }
        self.events = events
        state = routedTo == nil ? .received : .routed
    }

    /// The complaint as filed, under the ticket and public id the store gave it.
    public func complaint(_ filing: ComplaintFiling, ticket: String, publicID: String, elevatorIsClassified: Bool) -> Complaint {
        Complaint(
            ticket: ticket, publicID: publicID, elevatorIsClassified: elevatorIsClassified, draft: filing.draft, number: filing.number,
            label: filing.label, verification: filing.verification, state: state, routedTo: routedTo, routedWorker: routedWorker,
            createdAt: filing.receivedAt, events: events)
    }
}

extension ComplaintFiling {
    /// The rescue a complaint of people trapped opens (or joins) in the same transaction; nil for
    /// every other problem.
    public var rescueFiling: RescueFiling? {
        guard draft.problem == .trapped else { return nil }
        return RescueFiling(
            number: number, source: .report, verification: verification, callerPhone: draft.phone, note: draft.text,
            receivedAt: receivedAt)
    }
}
