import LiftCore

/// A text line of a layout with its placeholders resolved into parts, so that filling it in for
/// each of thousands of labels is a few appends.
struct LabelTextTemplate: Sendable, Hashable {
    /// A literal piece of text or a value of the label.
    enum Part: Sendable, Hashable {
        case literal(String)
        case number
        case label
        case serial
        case keyID
        case district
        case rescueCode
    }

    let parts: [Part]

    static let placeholders: [String: Part] = [
        "number": .number, "label": .label, "serial": .serial, "kid": .keyID, "district": .district,
        "rescueCode": .rescueCode,
    ]

    /// Parses "{number} 96333"; an unknown or unclosed placeholder is an error.
    init(_ text: String) throws(LayoutError) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw LayoutError("\"\(text)\" has a { without its }")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let part = Self.placeholders[name] else {
                throw LayoutError(
                    "unknown placeholder {\(name)} in \"\(text)\": use {number}, {label}, {serial}, {kid}, {district} or {rescueCode}")
            }
            parts.append(part)
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// Whether the text is the same on every label, so it can be rendered once.
    var isConstant: Bool {
        parts.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    var usesRescueCode: Bool { parts.contains(.rescueCode) }

    /// The text for one label.
    func text(for code: LabelCode, district: String, rescueCode: String?) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .number: text += code.number.description
            case .label: text += code.labelID.description
            case .serial: text += String(code.serial)
            case .keyID: text += code.keyID
            case .district: text += district
            case .rescueCode: text += rescueCode ?? ""
            }
        }
        return text
    }
}
