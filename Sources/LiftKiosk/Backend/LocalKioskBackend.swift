import Foundation
import LiftCore

/// The kiosk over a local database: scans are verified with the key ring through
/// ``ElevatorLookup`` and complaints taken in through ``ComplaintIntake``, just as the server does.
public struct LocalKioskBackend: KioskBackend {
    public let lookup: ElevatorLookup
    public let complaints: any ComplaintStore
    /// The language of refusals it gives (the kiosk's).
    public let language: Language

    public init(lookup: ElevatorLookup, complaints: any ComplaintStore, language: Language = .zh) {
        self.lookup = lookup
        self.complaints = complaints
        self.language = language
    }

    /// Verifies a code with the key ring and the ledger, or looks up a typed number, on `today`.
    public func lookup(_ input: ScanInput, today: CivilDate) async throws(KioskBackendError) -> ScanResult {
        do {
            return try await lookup.lookup(input, today: today)
        } catch {
            throw .failed("the database could not be read: \(error)")
        }
    }

    /// Checks the draft, verifies the scan again, and files the complaint durably with its routing,
    /// through LiftCore's ``ComplaintIntake`` as the server does.
    public func file(_ draft: ComplaintDraft, about input: ScanInput) async throws(KioskBackendError) -> KioskTicket {
        let intake = ComplaintIntake(lookup: lookup, complaints: complaints)
        do {
            let checked = try await intake.check(draft, about: input)
            let complaint = try await intake.file(checked)
            return KioskTicket(ticket: complaint.ticket, status: complaint.state, routedTo: complaint.reporterView.routedTo)
        } catch let error as ComplaintIntakeError {
            throw .refused(error.message(in: language))
        } catch let error as ComplaintStoreError {
            throw .refused(error.description)
        } catch {
            throw .failed("the complaint could not be saved: \(error)")
        }
    }
}
