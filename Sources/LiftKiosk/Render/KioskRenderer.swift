import LiftCore

/// Draws a ``KioskState`` into a ``ScreenBuffer`` of a given size: a pure function, so the same
/// state always looks the same, tests read the result as text, and a resize just draws again.
///
/// Layout: a title bar on the first row; the screen's body; a notice, the keys and the input line
/// on the last three rows. Everything is measured by display width (``DisplayWidth``).
public struct KioskRenderer: Sendable {
    public let settings: KioskSettings
    var strings: KioskStrings { KioskStrings(language: settings.language) }

    public init(settings: KioskSettings) {
        self.settings = settings
    }

    /// The smallest size anything useful fits in; below it the screen says so.
    public static let minimumSize = TerminalSize(columns: 30, rows: 10)

    /// The screen for a state at a size.
    public func render(_ state: KioskState, size: TerminalSize) -> ScreenBuffer {
        var screen = ScreenBuffer(size: size)
        guard size.columns >= Self.minimumSize.columns, size.rows >= Self.minimumSize.rows else {
            screen.write(strings.tooSmall + " \(size)", row: 0, column: 0, style: .bad)
            screen.write(strings.trapped, row: min(1, size.rows - 1), column: 0, style: .bold)
            return screen
        }
        drawTitle(&screen)
        switch state.screen {
        case .waiting: drawWaiting(&screen)
        case .lookingUp(let pending): drawLookingUp(pending, on: &screen)
        case .card(let card): drawCard(card, on: &screen)
        case .complaint(let entry): drawComplaint(entry, on: &screen)
        case .ticket(let ticket, let number): drawTicket(ticket, number: number, on: &screen)
        }
        drawNotice(state.notice, on: &screen)
        drawInput(state, on: &screen)
        return screen
    }

    // MARK: - Frame

    /// The body's rows: between the title bar and the three bottom rows.
    func bodyRows(_ screen: ScreenBuffer) -> Range<Int> { 1..<(screen.size.rows - 3) }

    private func drawTitle(_ screen: inout ScreenBuffer) {
        screen.fill(row: 0, style: .header)
        screen.write(" " + (settings.title ?? strings.platform), row: 0, column: 0, style: .header, limit: screen.size.columns - 12)
        let hotline = " 96333 "
        screen.write(hotline, row: 0, column: screen.size.columns - DisplayWidth.of(hotline), style: .badBar)
    }

    private func drawNotice(_ notice: KioskNotice?, on screen: inout ScreenBuffer) {
        guard let notice else { return }
        let text: String
        switch notice {
        case .unreadable(let reason): text = strings.unreadable(reason)
        case .failed(let reason): text = strings.failed(reason)
        }
        screen.write(DisplayText.truncate(DisplayText.sanitize(" " + text), width: screen.size.columns), row: screen.size.rows - 3, column: 0, style: .bad)
    }

    /// Keys on the second-to-last row.
    func drawKeys(_ keys: String, on screen: inout ScreenBuffer) {
        screen.write(" " + keys, row: screen.size.rows - 2, column: 0, style: .dim)
    }

    private func drawInput(_ state: KioskState, on screen: inout ScreenBuffer) {
        let row = screen.size.rows - 1
        // The text and phone steps have their own field; the input line returns once a scan begins.
        if state.input.isEmpty, case .complaint(let entry) = state.screen {
            if case .problem = entry.step {} else { return }
        }
        let label = " " + strings.inputLabel
        let column = screen.write(label, row: row, column: 0, style: .bold)
        let room = screen.size.columns - column - 1
        screen.write(DisplayText.tail(DisplayText.sanitize(state.input), width: room), row: row, column: column, style: .plain)
    }

    // MARK: - Simple screens

    private func drawWaiting(_ screen: inout ScreenBuffer) {
        let body = bodyRows(screen)
        let middle = body.lowerBound + body.count / 2
        screen.center(strings.scanPrompt, row: middle - 3, style: .bold)
        screen.center(strings.otherScanPrompt, row: middle - 2, style: .dim)
        let help = DisplayText.wrap(strings.scanHelp, width: min(screen.size.columns - 4, 70))
        for (offset, line) in help.prefix(3).enumerated() {
            screen.center(line, row: middle + offset, style: .plain)
        }
        screen.center(strings.trapped, row: min(middle + 4, body.upperBound - 1), style: .bad)
    }

    private func drawLookingUp(_ pending: PendingLookup, on screen: inout ScreenBuffer) {
        let body = bodyRows(screen)
        let middle = body.lowerBound + body.count / 2
        screen.center("\(strings.lookingUp) \(pending.input.number) ...", row: middle - 2, style: .bold)
        if let failure = pending.failure {
            let reason = failure.hasPrefix("server unreachable: ") ? String(failure.dropFirst("server unreachable: ".count)) : failure
            screen.center(strings.unreachable(reason), row: middle, style: .bad)
            screen.center(strings.retrying(pending.attempt), row: middle + 1, style: .warning)
        }
        drawKeys(strings.backKey, on: &screen)
    }

    private func drawTicket(_ ticket: KioskTicket, number: NNumber, on screen: inout ScreenBuffer) {
        screen.fill(row: 1, style: .goodBar)
        screen.write(" " + strings.filed, row: 1, column: 0, style: .goodBar)
        var fields: [CardField] = [
            CardField(label: strings.ticket, value: ticket.ticket, style: .bold),
            CardField(label: strings.number, value: number.description),
            CardField(label: strings.ticketStatus, value: ticket.status.name(in: settings.language)),
        ]
        if let routedTo = ticket.routedTo { fields.append(CardField(label: strings.routedTo, value: routedTo)) }
        if let url = ticket.url { fields.append(CardField(label: strings.follow, value: url)) }
        var row = drawFields(fields, from: 3, on: &screen)
        row += 1
        for line in DisplayText.wrap(strings.keepTicket, width: screen.size.columns - 2) where row < bodyRows(screen).upperBound {
            screen.write(line, row: row, column: 1)
            row += 1
        }
        screen.write(" " + strings.trapped, row: bodyRows(screen).upperBound - 1, column: 0, style: .bad)
        drawKeys(strings.ticketKeys, on: &screen)
    }
}
