import Foundation
import LiftCore

/// Takes complaints from every door (the JSON API, the page's form, Open311): checks them, applies
/// the rate limits, verifies the label they came with, and files them durably.
struct ComplaintDesk: Sendable {
    let lookup: ElevatorLookup
    let complaints: any ComplaintStore
    let perClient: RateLimiter?
    let perElevator: RateLimiter?
    let metrics: ServerMetrics
    let labelBaseURL: String
    let today: @Sendable () -> CivilDate

    /// Where a complaint points: a scanned code, a code path from a page, or a typed number.
    enum Subject {
        case code(String)
        case codePath(String)
        case number(String)
    }

    /// Files a complaint, or throws an `APIError` naming what is wrong.
    func file(_ draft: ComplaintDraft, about subject: Subject, clientAddress: String, html: Bool = false, language: Language = .zh) async throws -> Complaint {
        let validated: ComplaintDraft
        do {
            validated = try draft.validated()
        } catch {
            throw APIError(.badRequest, code: "invalid-\(error.field)", message: error.message(in: language), field: error.field, html: html, language: language)
        }
        let result: ScanResult
        let day = today()
        switch subject {
        case .code(let text): result = try await lookup.lookup(text, today: day)
        case .codePath(let path):
            do {
                result = try await lookup.lookup(try LabelCode(path: path, baseURL: labelBaseURL), today: day)
            } catch let error as LabelCodeError {
                result = ScanResult(outcome: .malformed, reason: error.description, reasonZH: error.chineseDescription)
            }
        case .number(let text): result = try await lookup.lookup(typed: text, today: day)
        }
        let field: String
        switch subject {
        case .number: field = "elevator"
        default: field = "label"
        }
        guard result.outcome != .malformed, let number = result.number else {
            throw APIError(.badRequest, code: "invalid-\(field)", message: result.reason(in: language), field: field, html: html, language: language)
        }
        if let perClient, !perClient.allow(clientAddress) {
            throw APIError(
                .tooManyRequests, code: "rate-limited",
                message: language == .zh ? "提交过于频繁，请稍后再试。被困请拨打 96333。" : "too many complaints from this address; try again in a minute (trapped? call 96333)",
                html: html, language: language)
        }
        // An unregistered number has no allowance to protect (and no window is kept for it).
        guard result.elevator != nil || result.outcome == .counterfeit else {
            throw APIError(.notFound, code: "unknown-elevator", message: "elevator \(number) is not registered", field: field, html: html, language: language)
        }
        // An alarm or a trapped report is never refused for the elevator's sake (junk filed first must not silence
        // it); each client counts once per elevator; complaints about counterfeit codes are
        // counted apart, so a forger cannot use up the genuine elevator's allowance.
        let elevatorKey = result.outcome == .counterfeit ? "counterfeit:\(number)" : number.description
        let urgent = validated.category == .alarm || validated.problem == .trapped
        if !urgent, let perElevator, !perElevator.allow(elevatorKey, member: clientAddress) {
            throw APIError(
                .tooManyRequests, code: "rate-limited",
                message: language == .zh ? "该电梯近期投诉已达上限，维保单位已收到。被困请拨打 96333。" : "this elevator has had many complaints this hour and its maintenance unit has them; trapped? call 96333",
                html: html, language: language)
        }
        do {
            let complaint = try await complaints.file(
                ComplaintFiling(draft: validated, number: number, label: result.label, verification: result.outcome, receivedAt: Date()))
            metrics.recordComplaint(complaint.draft.category)
            return complaint
        } catch ComplaintStoreError.unknownElevator(let number) {
            throw APIError(.notFound, code: "unknown-elevator", message: language == .zh ? "电梯 \(number) 未登记" : "elevator \(number) is not registered", field: field, html: html, language: language)
        }
    }
}
