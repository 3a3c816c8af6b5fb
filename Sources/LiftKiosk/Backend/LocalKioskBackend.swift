import Foundation
import LiftCore

/// The kiosk over a local database: scans are verified with the key ring through
/// ``ElevatorLookup`` and complaints filed through a ``ComplaintStore``, just as the server does.
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

    /// Checks the draft, verifies the scan again, and files the complaint durably with its routing.
    public func file(_ draft: ComplaintDraft, about input: ScanInput) async throws(KioskBackendError) -> KioskTicket {
        let checked: ComplaintDraft
        do {
            checked = try draft.validated()
        } catch {
            throw .refused(error.message(in: language))
        }
        let result = try await lookup(input, today: ShanghaiTime.day(of: Date()))
        guard result.outcome != .malformed else { throw .refused(result.reason(in: language)) }
        let label: LabelID? = if case .code(let code) = input { code.labelID } else { nil }
        do {
            let complaint = try await complaints.file(
                ComplaintFiling(draft: checked, number: input.number, label: label, verification: result.outcome, receivedAt: Date()))
            return KioskTicket(ticket: complaint.ticket, status: complaint.state, routedTo: complaint.reporterView.routedTo)
        } catch ComplaintStoreError.unknownElevator(let number) {
            throw .refused(language == .zh ? "电梯 \(number) 未登记" : "elevator \(number) is not registered")
        } catch let error as ComplaintStoreError {
            throw .refused(error.description)
        } catch {
            throw .failed("the complaint could not be saved: \(error)")
        }
    }
}
