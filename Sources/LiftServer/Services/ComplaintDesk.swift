import Foundation
import LiftCore

/// Takes complaints from every door of the server (the JSON API, the page's form, Open311, the
/// console): LiftCore's ``ComplaintIntake`` checks and files them; the desk adds the rate limits,
/// the metrics and the HTTP errors.
struct ComplaintDesk: Sendable {
    let intake: ComplaintIntake
    let perClient: (any RateLimiting)?
    let perElevator: (any RateLimiting)?
    let metrics: ServerMetrics
    let labelBaseURL: String

    init(
        lookup: ElevatorLookup, complaints: any ComplaintStore, perClient: (any RateLimiting)?, perElevator: (any RateLimiting)?, metrics: ServerMetrics,
        labelBaseURL: String
    ) {
        intake = ComplaintIntake(lookup: lookup, complaints: complaints)
        self.perClient = perClient
        self.perElevator = perElevator
        self.metrics = metrics
        self.labelBaseURL = labelBaseURL
    }

    /// Where a complaint points: a scanned code, a code path from a page, or a typed number.
    enum Subject {
        case code(String)
        case codePath(String)
        case number(String)
    }

    /// Files a complaint, or throws an `APIError` naming what is wrong.
    func file(_ draft: ComplaintDraft, about subject: Subject, clientAddress: String, html: Bool = false, language: Language = .zh) async throws -> Complaint {
        let field: String
        switch subject {
        case .number: field = "elevator"
        default: field = "label"
        }
        func refusal(_ error: ComplaintIntakeError) -> APIError {
            switch error {
            case .invalidDraft(let wrong):
                APIError(.badRequest, code: "invalid-\(wrong.field)", message: wrong.message(in: language), field: wrong.field, html: html, language: language)
            case .invalidSubject:
                APIError(.badRequest, code: "invalid-\(field)", message: error.message(in: language), field: field, html: html, language: language)
            case .unknownElevator:
                APIError(.notFound, code: "unknown-elevator", message: error.message(in: language), field: field, html: html, language: language)
            }
        }
        let lookup = intake.lookup
        let client = IPAddress.limitKey(clientAddress)
        let checked: CheckedComplaint
        do {
            checked = try await intake.check(draft) {
                switch subject {
                case .code(let text): return try await lookup.complaintSubject(text)
                case .codePath(let path): return try await lookup.complaintSubject(path: path, baseURL: labelBaseURL)
                case .number(let text): return try await lookup.complaintSubject(typed: text)
                }
            }
        } catch let error as ComplaintIntakeError {
            throw refusal(error)
        }
        // A limit that cannot be counted (its database stuck or down) lets an urgent report through
        // (someone trapped must be heard) and refuses any other complaint, so that a flood that
        // slows the database does not switch the limits off.
        func allows(_ check: () async throws -> Bool) async throws -> Bool {
            do {
                return try await check()
            } catch {
                if checked.isUrgent { return true }
                throw APIError(
                    .serviceUnavailable, code: "rate-limit-unavailable",
                    message: language == .zh ? "暂时无法受理投诉，请稍后再试。被困请拨打 96333。" : "complaints cannot be taken just now; try again shortly (trapped? call 96333)",
                    html: html, language: language)
            }
        }
        if let perClient, try await !allows({ try await perClient.allow(client, now: Date()) }) {
            throw APIError(
                .tooManyRequests, code: "rate-limited",
                message: language == .zh ? "提交过于频繁，请稍后再试。被困请拨打 96333。" : "too many complaints from this address; try again in a minute (trapped? call 96333)",
                html: html, language: language)
        }
        // An unregistered number, through a forged code too, has no allowance to protect (and no window is kept for it).
        if !checked.isRegistered { throw refusal(.unknownElevator(checked.number)) }
        // An alarm or a trapped report is never refused for the elevator's sake (junk filed first must not silence
        // it); each client counts once per elevator; complaints about counterfeit codes are
        // counted apart, so a forger cannot use up the genuine elevator's allowance.
        let elevatorKey = checked.scan.outcome == .counterfeit ? "counterfeit:\(checked.number)" : checked.number.description
        if !checked.isUrgent, let perElevator, try await !allows({ try await perElevator.allow(elevatorKey, member: client, now: Date()) }) {
            throw APIError(
                .tooManyRequests, code: "rate-limited",
                message: language == .zh ? "该电梯近期投诉已达上限，维保单位已收到。被困请拨打 96333。" : "this elevator has had many complaints this hour and its maintenance unit has them; trapped? call 96333",
                html: html, language: language)
        }
        do {
            let complaint = try await intake.file(checked)
            metrics.recordComplaint(complaint.draft.category)
            return complaint
        } catch let error as ComplaintIntakeError {
            throw refusal(error)
        }
    }
}
