import Foundation
import LiftCore

/// Everything the kiosk shows, as data: the screen, what has been typed or scanned so far, and a
/// one-line notice. The renderer draws it; the machine changes it.
public struct KioskState: Sendable, Equatable {
    public var screen: KioskScreen = .waiting
    /// What the scanner (or a person) has typed since the last Enter, on screens that take scans.
    public var input: String = ""
    /// A message for the person: why a scan was not used, why a lookup failed.
    public var notice: KioskNotice?

    public init() {}
}

/// The screens of the kiosk.
public enum KioskScreen: Sendable, Equatable {
    /// "请扫描电梯二维码".
    case waiting
    /// A scan is being looked up (or retried while the server is unreachable).
    case lookingUp(PendingLookup)
    /// The elevator card.
    case card(ScanCard)
    /// A complaint, suggestion or alarm being entered or sent.
    case complaint(ComplaintEntry)
    /// A complaint was filed: its ticket.
    case ticket(KioskTicket, number: NNumber)
}

/// A lookup in flight.
public struct PendingLookup: Sendable, Equatable {
    public var input: ScanInput
    public var requestID: Int
    /// 1 for the first try.
    public var attempt: Int
    /// Why the last try failed, while retrying.
    public var failure: String?
    /// When to try again.
    public var retryAt: Date?
}

/// An elevator card: the scan and what it turned out to be.
public struct ScanCard: Sendable, Equatable {
    public var input: ScanInput
    public var result: ScanResult

    /// Whether a complaint can be filed from this card: the number is known and the code was not
    /// malformed (a counterfeit label can be reported; it goes to the regulator).
    public var acceptsComplaints: Bool {
        result.outcome != .malformed && (result.elevator != nil || result.outcome == .counterfeit)
    }
}

/// A complaint being entered, step by step.
public struct ComplaintEntry: Sendable, Equatable {
    /// The steps: pick a problem, add text (optional), add a phone (optional), send.
    public enum Step: Sendable, Equatable {
        case problem(selected: Int)
        case text
        case phone
        case sending(requestID: Int)
    }

    public var card: ScanCard
    public var category: ComplaintCategory
    public var step: Step = .problem(selected: 0)
    public var problem: ComplaintProblem?
    public var text: String = ""
    public var phone: String = ""
    /// What is wrong with the entry, or why sending failed.
    public var error: String?
    /// Sending failed because the server could not be reached: Enter tries again.
    public var canRetry = false

    /// The draft as it stands.
    public var draft: ComplaintDraft {
        ComplaintDraft(category: category, problem: problem, text: text, phone: phone, role: .passenger)
    }
}

/// A one-line message under the screen.
public enum KioskNotice: Sendable, Equatable {
    /// A line that is neither a label code nor a six-digit number, and why.
    case unreadable(ScanInputError)
    /// The lookup failed for good (a database error, a refusal from the server).
    case failed(String)
}
