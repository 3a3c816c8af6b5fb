import Foundation

/// A complaint ready to file: checked draft, the elevator, and how its code was verified.
public struct ComplaintFiling: Sendable {
    public var draft: ComplaintDraft
    public var number: NNumber
    public var label: LabelID?
    public var verification: VerificationOutcome
    public var receivedAt: Date

    public init(draft: ComplaintDraft, number: NNumber, label: LabelID?, verification: VerificationOutcome, receivedAt: Date) {
        self.draft = draft
        self.number = number
        self.label = label
        self.verification = verification
        self.receivedAt = receivedAt
    }
}
