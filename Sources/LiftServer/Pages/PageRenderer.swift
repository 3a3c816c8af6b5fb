import Foundation
import HTTPTypes
import LiftCore
import Mustache

/// Renders the public pages from their Mustache templates (which escape every value).
struct PageRenderer: Sendable {
    static let shared = PageRenderer()

    private let library: MustacheLibrary
    /// The complaint form's fields by language, rendered once.
    private let formFields: [Language: String]

    init() {
        var library = MustacheLibrary()
        // The templates are constants of this module: a parse error is a programming error.
        try! library.register(PageTemplates.label, named: "label")
        try! library.register(PageTemplates.formFields, named: "formFields")
        try! library.register(PageTemplates.ticket, named: "ticket")
        try! library.register(PageTemplates.error, named: "error")
        var formFields: [Language: String] = [:]
        for language in [Language.zh, .en] {
            let context: [String: Any] = [
                "categoryLabel": PageText.text(.category, language), "problemLabel": PageText.text(.problem, language),
                "describeLabel": PageText.text(.describe, language), "phoneLabel": PageText.text(.phoneOptional, language),
                "submitLabel": PageText.text(.submit, language),
                "categories": ComplaintCategory.allCases.map { ["value": $0.rawValue, "name": $0.name(in: language), "checked": $0 == .complaint] },
                "problems": ComplaintProblem.allCases.map { ["value": $0.rawValue, "name": $0.name(in: language)] },
            ]
            formFields[language] = library.render(context, withTemplate: "formFields") ?? ""
        }
        self.library = library
        self.formFields = formFields
    }

    private func t(_ key: PageText.Key, _ language: Language) -> String { PageText.text(key, language) }

    /// The label page: verdict first, then the elevator, the 96333 line and the complaint form.
    /// - Parameter staffPanel: the console's panel for a signed-in worker (rendered, escaped, by
    ///   the console's own templates), shown above the card.
    func labelPage(_ result: ScanResult, codePath: String?, language: Language, formError: String? = nil, staffPanel: String? = nil) -> String {
        let verdict: (PageText.Key, PageText.Key, String)
        switch result.outcome {
        case .genuine where result.elevator == nil: verdict = (.unknownElevator, .unknownElevatorDetail, "unknown")
        case .genuine: verdict = (.genuine, .genuineDetail, "genuine")
        case .revoked: verdict = (.revoked, .revokedDetail, "revoked")
        case .counterfeit: verdict = (.counterfeit, .counterfeitDetail, "counterfeit")
        case .malformed: verdict = (.malformed, .malformedDetail, "malformed")
        case .unverified where result.elevator == nil: verdict = (.unknownElevator, .unverifiedDetail, "unknown")
        case .unverified: verdict = (.unverified, .unverifiedDetail, "unverified")
        }
        var context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en",
            "css": PageTemplates.css,
            "platform": t(.platform, language),
            "number": result.number ?? "",
            "verdictClass": verdict.2,
            "verdictTitle": t(verdict.0, language),
            "verdictDetail": t(verdict.1, language),
            "trapped": t(.trapped, language),
            "switchLabel": t(.language, language),
            "switchURL": "?lang=" + (language == .zh ? "en" : "zh"),
        ]
        if result.outcome != .genuine && result.outcome != .unverified { context["reason"] = result.reason(in: language) }
        if let elevator = result.elevator { context["elevator"] = elevatorContext(elevator, language: language) }
        let canComplain = result.outcome != .malformed && (result.elevator != nil || result.outcome == .counterfeit)
        if canComplain, let codePath {
            let counterfeit = result.outcome == .counterfeit
            var form: [String: Any] = [
                "formTitle": counterfeit ? t(.reportCounterfeit, language) : t(.complaintTitle, language),
                "action": "/E/\(codePath)/complaints",
                "formFields": formFields[language] ?? "",
            ]
            if let formError { form["formError"] = formError }
            context["form"] = form
        }
        if let staffPanel { context["staffPanel"] = staffPanel }
        return library.render(context, withTemplate: "label") ?? ""
    }

    func elevatorContext(_ elevator: PublicElevator, language: Language) -> [String: Any] {
        var rows: [[String: Any]] = []
        func row(_ key: PageText.Key, _ value: String?, red: Bool = false, tel: String? = nil) {
            guard let value, !value.isEmpty else { return }
            var entry: [String: Any] = ["label": t(key, language), "value": value, "red": red]
            if let tel { entry["tel"] = tel }
            rows.append(entry)
        }
        row(.rescueCode, elevator.rescueCode)
        row(.registrationCode, elevator.registrationCode)
        row(.address, elevator.address)
        row(.building, elevator.building)
        row(.district, [elevator.district, elevator.street].compactMap { $0 }.joined(separator: " "))
        row(.userUnit, [elevator.userUnit, elevator.userUnitPhone].compactMap { $0 }.joined(separator: " "), tel: elevator.userUnitPhone)
        row(.maintenanceUnit, [elevator.maintenanceUnit, elevator.maintenanceUnitPhone].compactMap { $0 }.joined(separator: " "), tel: elevator.maintenanceUnitPhone)
        if let last = elevator.lastMaintenance {
            row(.lastMaintenance, ShanghaiTime.format(last.endedAt) + " · " + last.type.name(in: language))
            row(.worker, [last.workerName, last.workerPhone].compactMap { $0 }.joined(separator: " "), tel: last.workerPhone)
        } else {
            row(.lastMaintenance, t(.noneYet, language))
        }
        row(.nextHalfMonth, elevator.nextHalfMonthDue, red: elevator.status == .overdue)
        if let insurance = elevator.insurance {
            row(.insurance, insurance.insurer + " · " + insurance.coverage)
            row(.policy, insurance.policyNumber)
            row(.validUntil, insurance.validTo + (insurance.expired ? " (\(t(.expired, language)))" : ""), red: insurance.expired)
            row(.claimsPhone, insurance.claimsPhone, tel: insurance.claimsPhone)
        }
        row(.nextInspection, elevator.nextInspection.map { $0 + (elevator.inspectionOverdue ? " (\(t(.pastDue, language)))" : "") }, red: elevator.inspectionOverdue)
        row(.manufacturer, elevator.manufacturer)
        return [
            "number": elevator.number,
            "classified": elevator.classified,
            "classifiedNote": t(.classifiedNote, language),
            "statusLabel": t(.status, language),
            "statusName": elevator.status.name(in: language),
            "statusClass": elevator.status.rawValue,
            "rows": rows,
        ]
    }

    /// The ticket page: the complaint as its reporter may see it (``PublicComplaint``).
    func ticketPage(_ complaint: PublicComplaint, language: Language) -> String {
        var context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en", "css": PageTemplates.css, "platform": t(.platform, language),
            "switchLabel": t(.language, language), "switchURL": "?lang=" + (language == .zh ? "en" : "zh"),
            "ticketTitle": t(.ticketTitle, language), "ticket": complaint.ticket, "ticketIntro": t(.ticketIntro, language),
            "numberLabel": t(.number, language), "number": complaint.elevator,
            "categoryLabel": t(.category, language), "category": complaint.category.name(in: language),
            "problemLabel": t(.problem, language), "describeLabel": t(.describe, language),
            "statusLabel": t(.complaintState, language), "state": complaint.status.name(in: language),
            "routedToLabel": t(.routedTo, language), "resolutionLabel": t(.resolution, language),
            "timelineLabel": t(.timeline, language), "trapped": t(.trapped, language),
            "feedbackQuestion": t(.feedbackQuestion, language), "satisfiedLabel": t(.satisfied, language),
            "notSatisfiedLabel": t(.notSatisfied, language), "askFeedback": complaint.status == .resolved,
            "events": complaint.events.map { event -> [String: Any] in
                var entry: [String: Any] = ["at": ShanghaiTime.format(event.at), "state": event.state.name(in: language)]
                if let note = event.note { entry["note"] = note }
                return entry
            },
        ]
        if let problem = complaint.problem { context["problem"] = problem.name(in: language) }
        if let text = complaint.text { context["text"] = text }
        if let routedTo = complaint.routedTo { context["routedTo"] = routedTo }
        if let resolution = complaint.resolution { context["resolution"] = resolution }
        if let rescue = complaint.rescue { context["rescue"] = rescueContext(rescue, language: language) }
        return library.render(context, withTemplate: "ticket") ?? ""
    }

    /// Where a trapped report's rescue stands, plainly: the state and when each step happened.
    func rescueContext(_ rescue: PublicRescue, language: Language) -> [String: Any] {
        var steps: [[String: Any]] = [["at": ShanghaiTime.format(rescue.reportedAt), "name": RescueState.reported.name(in: language)]]
        let timed: [(Date?, RescueState)] = [(rescue.acceptedAt, .accepted), (rescue.arrivedAt, .arrived), (rescue.releasedAt, .released)]
        for case let (at?, state) in timed { steps.append(["at": ShanghaiTime.format(at), "name": state.name(in: language)]) }
        return [
            "rescueTitle": t(.rescueTitle, language), "rescueState": rescue.state.name(in: language), "rescueSteps": steps,
            "rescueIntro": t(.rescueIntro, language),
        ]
    }

    func errorPage(status: HTTPResponse.Status, message: String, language: Language) -> String {
        let context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en", "css": PageTemplates.css,
            "title": "\(status.code) · " + t(.errorTitle, language), "message": message, "trapped": t(.trapped, language),
        ]
        return library.render(context, withTemplate: "error") ?? ""
    }
}
