import Foundation

/// Takes a complaint in: checks the draft, verifies the label or number it points at, and files it
/// durably with its routing. The one intake behind every door: the server's JSON API, label page,
/// Open311 and console wrap it with their rate limits, metrics and HTTP errors; the kiosk over a
/// local database uses it as it is.
///
///     let intake = ComplaintIntake(lookup: lookup, complaints: database)
///     let checked = try await intake.check(draft, about: .number(number))
///     let complaint = try await intake.file(checked)
public struct ComplaintIntake: Sendable {
    public let lookup: ElevatorLookup
    public let complaints: any ComplaintStore
    /// The instant a complaint is received at.
    public let now: @Sendable () -> Date

    public init(lookup: ElevatorLookup, complaints: any ComplaintStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.lookup = lookup
        self.complaints = complaints
        self.now = now
    }

    /// Checks the draft, then looks up what it is about (a code is verified, signature first;
    /// only the number's standing is read, not the facts a page shows).
    ///
    /// - Throws: ``ComplaintIntakeError/invalidDraft(_:)`` naming the wrong field, or
    ///   ``ComplaintIntakeError/invalidSubject(_:)`` when the code or number cannot be read.
    public func check(_ draft: ComplaintDraft, about subject: ScanInput) async throws -> CheckedComplaint {
        try await check(draft) { try await lookup.complaintSubject(subject) }
    }

    /// As ``check(_:about:)`` for a subject the caller looks up (or finds unreadable) with
    /// `ElevatorLookup.complaintSubject`: a scan text, a label path, a typed number.
    public func check(_ draft: ComplaintDraft, subject: () async throws -> ComplaintSubject) async throws -> CheckedComplaint {
        let validated: ComplaintDraft
        do {
            validated = try draft.validated()
        } catch {
            throw ComplaintIntakeError.invalidDraft(error)
        }
        let found = try await subject()
        guard found.scan.outcome != .malformed, let number = found.scan.number else { throw ComplaintIntakeError.invalidSubject(found.scan) }
        return CheckedComplaint(draft: validated, number: number, scan: found.scan, isRegistered: found.isRegistered)
    }

    /// Files a checked complaint: routed to the elevator's maintenance unit, a trapped report opens
    /// a rescue. Only registered elevators take complaints; one about a counterfeit code of a
    /// registered number is filed and marked counterfeit.
    ///
    /// - Throws: ``ComplaintIntakeError/unknownElevator(_:)``, or the store's errors.
    public func file(_ checked: CheckedComplaint) async throws -> Complaint {
        guard checked.isRegistered else { throw ComplaintIntakeError.unknownElevator(checked.number) }
        do {
            return try await complaints.file(
                ComplaintFiling(
                    draft: checked.draft, number: checked.number, label: checked.scan.label, verification: checked.scan.outcome,
                    receivedAt: now()))
        } catch ComplaintStoreError.unknownElevator(let number) {
            throw ComplaintIntakeError.unknownElevator(number)
        }
    }
}
