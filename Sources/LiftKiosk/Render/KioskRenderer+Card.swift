import Foundation
import LiftCore

/// One line of a card: a label in the left column, a value wrapped in the right one.
struct CardField {
    var label: String
    var value: String
    var style: CellStyle = .plain
    /// A second part of the value in its own style ("正常" green, then the due day plain).
    var note: String? = nil
    var noteStyle: CellStyle = .plain
}

extension KioskRenderer {
    /// The elevator card: the verdict bar, then the facts in two columns.
    func drawCard(_ card: ScanCard, on screen: inout ScreenBuffer) {
        let result = card.result
        let number = (result.number ?? card.input.number).description
        let (banner, bannerStyle) = verdict(result, number: number)
        screen.fill(row: 1, style: bannerStyle)
        screen.write(" " + banner, row: 1, column: 0, style: bannerStyle)

        var row = 3
        let body = bodyRows(screen)
        if result.outcome == .counterfeit {
            for line in DisplayText.wrap(strings.counterfeitBody(number), width: screen.size.columns - 2) where row < body.upperBound {
                screen.write(line, row: row, column: 1, style: .bad)
                row += 1
            }
            row += 1
            if row < body.upperBound {
                screen.write(" " + DisplayText.truncate(result.reason(in: settings.language), width: screen.size.columns - 2), row: row, column: 0, style: .dim)
            }
        } else if let elevator = result.elevator {
            if elevator.classified, row < body.upperBound {
                screen.write(" " + strings.classified, row: row, column: 0, style: .warning)
                row += 1
            }
            drawFields(fields(of: elevator), from: row, on: &screen)
        } else if result.outcome != .malformed {
            screen.write(" " + strings.notRegistered(number), row: row, column: 0, style: .warning)
        } else {
            screen.write(" " + DisplayText.truncate(result.reason(in: settings.language), width: screen.size.columns - 2), row: row, column: 0, style: .dim)
        }
        screen.write(" " + strings.trapped, row: body.upperBound - 1, column: 0, style: .bad)
        if card.acceptsComplaints {
            drawKeys(result.outcome == .counterfeit ? strings.counterfeitKeys : strings.cardKeys, on: &screen)
        } else {
            drawKeys(strings.backKey, on: &screen)
        }
    }

    /// The verdict bar's text and colour.
    func verdict(_ result: ScanResult, number: String) -> (String, CellStyle) {
        let label = result.label?.description ?? number
        switch result.outcome {
        case .genuine: return (strings.genuine(label), .goodBar)
        case .revoked: return (strings.revoked(label), .warningBar)
        case .counterfeit: return (strings.counterfeit, .badBar)
        case .unverified: return (strings.unverified(number), .warningBar)
        case .malformed: return (strings.malformed, .badBar)
        }
    }

    /// The facts of an elevator, in the order a passenger needs them.
    func fields(of elevator: PublicElevator) -> [CardField] {
        let language = settings.language
        var fields: [CardField] = [CardField(label: strings.number, value: elevator.number, style: .bold)]
        if let rescue = elevator.rescueCode { fields.append(CardField(label: strings.rescueCode, value: rescue)) }
        if let address = elevator.address {
            let building = elevator.building.map { " \($0)" } ?? ""
            fields.append(CardField(label: strings.address, value: address + building))
        }
        let statusStyle: CellStyle =
            switch elevator.status {
            case .current: .good
            case .overdue: .bad
            case .stopped, .noRecord: .warning
            }
        fields.append(CardField(
            label: strings.status, value: elevator.status.name(in: language), style: statusStyle,
            note: elevator.nextHalfMonthDue.map { "  " + strings.dueBy($0) }))
        if let last = elevator.lastMaintenance {
            fields.append(CardField(label: strings.lastMaintenance, value: "\(ShanghaiTime.format(last.endedAt))  \(last.type.name(in: language))"))
            if let name = last.workerName {
                fields.append(CardField(label: strings.worker, value: name + (last.workerPhone.map { "  \($0)" } ?? "")))
            }
        } else if !elevator.classified {
            fields.append(CardField(label: strings.lastMaintenance, value: strings.none))
        }
        if let unit = elevator.maintenanceUnit {
            fields.append(CardField(label: strings.maintenanceUnit, value: unit + (elevator.maintenanceUnitPhone.map { "  \($0)" } ?? "")))
        }
        if let unit = elevator.userUnit {
            fields.append(CardField(label: strings.userUnit, value: unit + (elevator.userUnitPhone.map { "  \($0)" } ?? "")))
        }
        if let insurance = elevator.insurance {
            fields.append(CardField(
                label: strings.insurance,
                value: "\(insurance.insurer) \(insurance.coverage) \(strings.validTo(insurance.validTo))",
                note: insurance.expired ? "  " + strings.expired : insurance.claimsPhone.map { "  \($0)" },
                noteStyle: insurance.expired ? .bad : .plain))
        }
        if let inspection = elevator.nextInspection {
            fields.append(CardField(
                label: strings.nextInspection, value: inspection, style: elevator.inspectionOverdue ? .bad : .plain,
                note: elevator.inspectionOverdue ? "  " + strings.inspectionOverdue : nil, noteStyle: .bad))
        }
        if let registration = elevator.registrationCode { fields.append(CardField(label: strings.registration, value: registration)) }
        if let manufacturer = elevator.manufacturer { fields.append(CardField(label: strings.manufacturer, value: manufacturer)) }
        return fields
    }

    /// Draws fields in two columns from a row, wrapping values under their own column and
    /// stopping at the body's end (the last visible line then ends in "...").
    ///
    /// - Returns: the row after the last one drawn.
    @discardableResult
    func drawFields(_ fields: [CardField], from firstRow: Int, on screen: inout ScreenBuffer) -> Int {
        let labelWidth = min(fields.map { DisplayWidth.of($0.label) }.max() ?? 0, screen.size.columns / 3)
        let valueColumn = 1 + labelWidth + 2
        let valueWidth = screen.size.columns - valueColumn - 1
        let lastRow = bodyRows(screen).upperBound - 2  // the row above "trapped? call 96333"
        var row = firstRow
        for field in fields {
            guard row <= lastRow else { break }
            screen.write(DisplayText.truncate(field.label, width: labelWidth), row: row, column: 1, style: .dim)
            // Value and note wrap together; each character keeps the style of the part it came from.
            let value = DisplayText.sanitize(field.value)
            let note = field.note.map(DisplayText.sanitize) ?? ""
            let styled = value.map { ($0, field.style) } + note.map { ($0, field.noteStyle) }
            var lines = DisplayText.wrap(value + note, width: valueWidth)
            if row + lines.count - 1 > lastRow {
                lines = Array(lines.prefix(lastRow - row + 1))
                if let last = lines.popLast() { lines.append(DisplayText.truncate(last, width: valueWidth - 3) + "...") }
            }
            var index = 0
            for line in lines {
                var column = valueColumn
                for character in line {
                    // Skip what the wrapper dropped (a space at a break) to find this character's style.
                    while index < styled.count, styled[index].0 != character { index += 1 }
                    let style = index < styled.count ? styled[index].1 : field.style
                    if index < styled.count { index += 1 }
                    column = screen.write(String(character), row: row, column: column, style: style)
                }
                row += 1
            }
        }
        return row
    }
}
