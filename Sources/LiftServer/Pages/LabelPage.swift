import LiftCore

/// The public label page (what a phone shows after a scan), written with ``HTML`` so that every
/// value is escaped by construction. Its words and the complaint form's fields are made once per
/// language; a page costs one pass over its parts.
struct LabelPage: Sendable {
    /// The words and fixed markup of one language.
    struct Words: Sendable {
        let language: Language
        let lang: String
        let platform: String
        let switchURL: String
        let switchLabel: String
        let trapped: String
        let formFields: HTML
        let text: @Sendable (PageText.Key) -> String

        init(_ language: Language) {
            self.language = language
            lang = language == .zh ? "zh-CN" : "en"
            platform = PageText.text(.platform, language)
            switchURL = "?lang=" + (language == .zh ? "en" : "zh")
            switchLabel = PageText.text(.language, language)
            trapped = PageText.text(.trapped, language)
            formFields = LabelPage.formFields(language)
            text = { PageText.text($0, language) }
        }
    }

    static let zh = Words(.zh)
    static let en = Words(.en)
    static let css = HTML(rendered: PageTemplates.css)

    /// The label page: verdict first, then the elevator, the 96333 line and the complaint form.
    /// - Parameter staffPanel: the console's panel for a signed-in worker (rendered, escaped, by
    ///   the console's own templates), shown above the card.
    static func render(_ result: ScanResult, codePath: String?, language: Language, staffPanel: HTML? = nil) -> HTML {
        let words = language == .zh ? zh : en
        let t = words.text
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
        var reason = HTML()
        if result.outcome != .genuine && result.outcome != .unverified {
            reason = "<p><small>\(result.reason(in: language))</small></p>"
        }
        var elevator = HTML()
        if let shown = result.elevator { elevator = card(shown, words: words) }
        var form = HTML()
        let canComplain = result.outcome != .malformed && (result.elevator != nil || result.outcome == .counterfeit)
        if canComplain, let codePath {
            let title = result.outcome == .counterfeit ? t(.reportCounterfeit) : t(.complaintTitle)
            form = """
                <section class="card"><h2>\(title)</h2>
                <form method="post" action="\("/E/\(codePath)/complaints")"><input type="hidden" name="lang" value="\(words.lang)">
                \(words.formFields)</form></section>
                """
        }
        return """
            <!doctype html><html lang="\(words.lang)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>\(result.number?.description ?? "") · \(words.platform)</title><style>\(css)</style></head><body><main>
            <header><span>\(words.platform)</span><a href="\(words.switchURL)">\(words.switchLabel)</a></header>
            <section class="verdict \(verdict.2)"><h1>\(t(verdict.0))</h1><p>\(t(verdict.1))</p>\(reason)</section>
            <section class="card trapped">\(words.trapped)<a href="tel:96333">☎ 96333</a></section>
            \(staffPanel ?? HTML())
            \(elevator)
            \(form)
            <footer>\(words.platform) · 96333</footer></main></body></html>
            """
    }

    /// The elevator's card: number and status, then its facts (only the note when classified).
    static func card(_ elevator: PublicElevator, words: Words) -> HTML {
        let t = words.text
        let language = words.language
        var card: HTML = """
            <section class="card"><div class="number">\(elevator.number)</div>
            <p>\(t(.status)): <span class="badge \(elevator.status.rawValue)">\(elevator.status.name(in: language))</span></p>

            """
        if elevator.classified {
            card.append("<p>\(t(.classifiedNote))</p>\n</section>")
            return card
        }
        var rows = HTML()
        func row(_ key: PageText.Key, _ value: String?, red: Bool = false, tel: String? = nil) {
            guard let value, !value.isEmpty else { return }
            let shown: HTML = tel.map { "<a class=\"tel\" href=\"tel:\($0)\">\(value)</a>" } ?? "\(value)"
            rows.append("<dt>\(t(key))</dt><dd\(red ? " class=\"red\"" : HTML())>\(shown)</dd>")
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
            row(.lastMaintenance, t(.noneYet))
        }
        row(.nextHalfMonth, elevator.nextHalfMonthDue, red: elevator.status == .overdue)
        if let insurance = elevator.insurance {
            row(.insurance, insurance.insurer + " · " + insurance.coverage)
            row(.policy, insurance.policyNumber)
            row(.validUntil, insurance.validTo + (insurance.expired ? " (\(t(.expired)))" : ""), red: insurance.expired)
            row(.claimsPhone, insurance.claimsPhone, tel: insurance.claimsPhone)
        }
        row(.nextInspection, elevator.nextInspection.map { $0 + (elevator.inspectionOverdue ? " (\(t(.pastDue)))" : "") }, red: elevator.inspectionOverdue)
        row(.manufacturer, elevator.manufacturer)
        card.append("\n<dl>\n\(rows)\n</dl></section>")
        return card
    }

    /// The complaint form's fields: the same on every page of a language.
    static func formFields(_ language: Language) -> HTML {
        let t = { (key: PageText.Key) in PageText.text(key, language) }
        var categories = HTML()
        for category in ComplaintCategory.allCases {
            let checked: HTML = category == .complaint ? " checked" : ""
            categories.append("<label><input type=\"radio\" name=\"category\" value=\"\(category.rawValue)\"\(checked)>\(category.name(in: language))</label>")
        }
        var problems = HTML()
        for problem in ComplaintProblem.allCases {
            problems.append("<option value=\"\(problem.rawValue)\">\(problem.name(in: language))</option>")
        }
        return """
            <label>\(t(.category))</label><fieldset>\(categories)</fieldset>
            <label for="problem">\(t(.problem))</label><select id="problem" name="problem">\(problems)</select>
            <label for="text">\(t(.describe))</label><textarea id="text" name="text" maxlength="500" rows="3"></textarea>
            <label for="phone">\(t(.phoneOptional))</label><input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="13" autocomplete="tel">
            <button type="submit">\(t(.submit))</button>
            """
    }
}
