import LiftCore

extension KioskRenderer {
    /// The complaint steps: the problem list, the optional text, the optional phone, sending.
    func drawComplaint(_ entry: ComplaintEntry, on screen: inout ScreenBuffer) {
        let number = (entry.card.result.number ?? entry.card.input.number).description
        let counterfeit = entry.card.result.outcome == .counterfeit
        let barStyle: CellStyle = entry.category == .alarm || counterfeit ? .badBar : .header
        screen.fill(row: 1, style: barStyle)
        screen.write(" " + strings.complaintTitle(entry.category, number), row: 1, column: 0, style: barStyle)
        let body = bodyRows(screen)
        var row = 3
        if counterfeit {
            screen.write(" " + strings.counterfeitReport, row: row, column: 0, style: .warning)
            row += 1
        }
        if entry.category == .alarm {
            screen.write(" " + strings.trappedNow, row: row, column: 0, style: .bad)
            row += 1
        }
        if counterfeit || entry.category == .alarm { row += 1 }

        switch entry.step {
        case .problem(let selected):
            screen.write(" " + strings.chooseProblem, row: row, column: 0, style: .bold)
            row += 1
            let columns = screen.size.columns >= 60 && row + ComplaintProblem.allCases.count > body.upperBound - 1 ? 2 : 1
            let perColumn = (ComplaintProblem.allCases.count + columns - 1) / columns
            for (index, problem) in ComplaintProblem.allCases.enumerated() {
                let at = row + index % perColumn
                guard at < body.upperBound - 1 else { continue }
                let column = 3 + (index / perColumn) * (screen.size.columns / 2)
                let style: CellStyle = index == selected ? .selected : .plain
                screen.write(" \(index + 1)  \(problem.name(in: settings.language)) ", row: at, column: column, style: style)
            }
            drawKeys(strings.problemKeys, on: &screen)
        case .text:
            drawSummary(entry, from: &row, on: &screen)
            row += 1
            for line in DisplayText.wrap(strings.textPrompt, width: screen.size.columns - 2) where row < body.upperBound {
                screen.write(line, row: row, column: 1, style: .bold)
                row += 1
            }
            drawTextBox(entry.text, from: row + 1, on: &screen)
            drawKeys(strings.textKeys, on: &screen)
        case .phone, .sending:
            drawSummary(entry, from: &row, on: &screen)
            if !entry.text.isEmpty, row < body.upperBound {
                let text = DisplayText.truncate(DisplayText.sanitize(entry.text), width: screen.size.columns - 12)
                row = drawFields([CardField(label: strings.textLabel, value: text)], from: row, on: &screen)
            }
            row += 1
            screen.write(" " + strings.phonePrompt, row: row, column: 0, style: .bold)
            row += 1
            let end = screen.write(" " + entry.phone, row: row, column: 2, style: .selected)
            if case .phone = entry.step { screen.cursor = (row, end) }
            row += 2
            if case .sending = entry.step {
                screen.write(" " + strings.sending, row: row, column: 0, style: .warning)
            } else if let error = entry.error {
                for line in DisplayText.wrap(strings.sendFailed(error), width: screen.size.columns - 2).prefix(2) where row < body.upperBound {
                    screen.write(line, row: row, column: 1, style: .bad)
                    row += 1
                }
            }
            drawKeys(entry.canRetry ? strings.retryKeys : strings.phoneKeys, on: &screen)
        }
    }

    /// The category and problem chosen so far.
    private func drawSummary(_ entry: ComplaintEntry, from row: inout Int, on screen: inout ScreenBuffer) {
        if let problem = entry.problem {
            row = drawFields([CardField(label: strings.problemLabel, value: problem.name(in: settings.language), style: .bold)], from: row, on: &screen)
        }
    }

    /// The text typed so far, wrapped in a box of rows, its end (and the cursor) always visible.
    private func drawTextBox(_ text: String, from firstRow: Int, on screen: inout ScreenBuffer) {
        let width = screen.size.columns - 6
        let lastRow = bodyRows(screen).upperBound - 1
        guard firstRow <= lastRow, width > 0 else { return }
        var lines = DisplayText.wrap(DisplayText.sanitize(text), width: width)
        if lines.isEmpty { lines = [""] }
        let visible = max(1, lastRow - firstRow)
        let shown = lines.suffix(visible)
        var row = firstRow
        for line in shown {
            screen.fill(row: row, from: 2, width: width + 2, style: .selected)
            screen.write(line, row: row, column: 3, style: .selected)
            row += 1
        }
        let cursorColumn = 3 + DisplayWidth.of(shown.last ?? "")
        screen.cursor = (row - 1, min(cursorColumn, screen.size.columns - 1))
        screen.write(strings.characters(text.count), row: lastRow, column: 2, style: .dim)
    }
}
