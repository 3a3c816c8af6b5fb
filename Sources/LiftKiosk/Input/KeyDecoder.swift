/// Decodes the bytes a terminal sends into keys: UTF-8 text, control characters, CSI and SS3
/// escape sequences (arrows, function keys, the Linux console's `ESC [ [ A`), bracketed paste.
///
/// It keeps its state between reads, so a sequence split across two reads still decodes, and it
/// bounds everything: an unterminated escape sequence, an endless paste, or invalid UTF-8 (a
/// binary paste) costs a bounded amount of memory and never stops the decoder.
public struct KeyDecoder: Sendable {
    private enum Mode: Sendable {
        case ground
        /// After ESC.
        case escape
        /// Inside `ESC [`, collecting parameter and intermediate bytes.
        case csi
        /// After `ESC [ [` (Linux console function keys).
        case linuxFunction
        /// After `ESC O`.
        case ss3
        /// Inside an OSC, DCS or similar string, until BEL or ST.
        case string(sawEscape: Bool)
    }

    private var mode = Mode.ground
    private var parameters: [UInt8] = []
    private var utf8: [UInt8] = []
    private var utf8Needed = 0
    private var pasting = false
    private var pasteBytes: [UInt8] = []
    private var stringLength = 0
    private var lastWasCarriageReturn = false

    /// Longest escape sequence parameters kept, in bytes.
    static let maximumParameters = 32
    /// Longest OSC/DCS string skipped before the decoder gives up on it.
    static let maximumString = 4096
    /// Longest paste kept, in bytes; the rest is dropped.
    public static let maximumPaste = 8192

    public init() {}

    /// Whether an ESC is waiting for the rest of its sequence (a lone Escape key, if nothing follows).
    public var hasPendingEscape: Bool {
        if case .escape = mode { return true }
        return false
    }

    /// Whether input is held back: a lone ESC, or a paste whose end marker has not come.
    public var hasPendingInput: Bool { hasPendingEscape || pasting }

    /// Decodes a chunk of input.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [KioskKey] {
        var keys: [KioskKey] = []
        for byte in bytes { feed(byte, into: &keys) }
        return keys
    }

    /// Ends what is held back once input has paused: a lone ESC was the Escape key pressed on its
    /// own, and a paste whose end marker never came ends here (so a stray `ESC [ 200 ~` in a
    /// binary paste cannot swallow the keyboard).
    public mutating func flushPending() -> [KioskKey] {
        var keys: [KioskKey] = []
        if hasPendingEscape {
            mode = .ground
            keys.append(.escape)
        }
        if pasting { keys += endPaste() }
        return keys
    }

    private mutating func endPaste() -> [KioskKey] {
        pasting = false
        let pasted = DisplayText.sanitize(String(decoding: pasteBytes, as: UTF8.self))
        pasteBytes.removeAll(keepingCapacity: true)
        return [pasted.isEmpty ? .ignored : .paste(pasted)]
    }

    private mutating func feed(_ byte: UInt8, into keys: inout [KioskKey]) {
        switch mode {
        case .ground:
            ground(byte, into: &keys)
        case .escape:
            switch byte {
            case UInt8(ascii: "["):
                mode = .csi
                parameters.removeAll(keepingCapacity: true)
            case UInt8(ascii: "O"):
                mode = .ss3
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                mode = .string(sawEscape: false)
                stringLength = 0
            case 0x1B:
                keys.append(.escape)
            default:
                // Alt+key or an escape sequence we do not know: the key itself is dropped.
                mode = .ground
                keys.append(.ignored)
            }
        case .csi:
            if byte >= 0x20 && byte <= 0x3F {
                if parameters.count < Self.maximumParameters {
                    parameters.append(byte)
                } else {
                    mode = .ground
                    keys.append(.ignored)
                }
            } else if byte == UInt8(ascii: "[") && parameters.isEmpty {
                mode = .linuxFunction
            } else if byte >= 0x40 && byte <= 0x7E {
                mode = .ground
                csi(final: byte, into: &keys)
            } else {
                // A control byte inside a sequence aborts it; the byte counts on its own.
                mode = .ground
                keys.append(.ignored)
                ground(byte, into: &keys)
            }
        case .linuxFunction:
            mode = .ground
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "E") {
                keys.append(.function(Int(byte - UInt8(ascii: "A")) + 1))
            } else {
                keys.append(.ignored)
            }
        case .ss3:
            mode = .ground
            switch byte {
            case UInt8(ascii: "A"): keys.append(.up)
            case UInt8(ascii: "B"): keys.append(.down)
            case UInt8(ascii: "C"): keys.append(.right)
            case UInt8(ascii: "D"): keys.append(.left)
            case UInt8(ascii: "H"): keys.append(.home)
            case UInt8(ascii: "F"): keys.append(.end)
            case UInt8(ascii: "M"): keys.append(.enter)
            case UInt8(ascii: "P")...UInt8(ascii: "S"): keys.append(.function(Int(byte - UInt8(ascii: "P")) + 1))
            default: keys.append(.ignored)
            }
        case .string(let sawEscape):
            stringLength += 1
            if byte == 0x07 || (sawEscape && byte == UInt8(ascii: "\\")) || stringLength > Self.maximumString {
                mode = .ground
                keys.append(.ignored)
            } else {
                mode = .string(sawEscape: byte == 0x1B)
            }
        }
    }

    private mutating func ground(_ byte: UInt8, into keys: inout [KioskKey]) {
        let afterCR = lastWasCarriageReturn
        lastWasCarriageReturn = false
        if utf8Needed > 0 {
            if byte & 0xC0 == 0x80 {
                utf8.append(byte)
                utf8Needed -= 1
                if utf8Needed == 0 { emitUTF8(into: &keys) }
                return
            }
            // A broken sequence: drop it, then read this byte afresh.
            utf8.removeAll(keepingCapacity: true)
            utf8Needed = 0
        }
        switch byte {
        case 0x1B:
            mode = .escape
        case 0x0D:
            lastWasCarriageReturn = true
            emit(.enter, into: &keys)
        case 0x0A:
            // CR LF is one Enter.
            if !afterCR { emit(.enter, into: &keys) }
        case 0x09:
            emit(.tab, into: &keys)
        case 0x7F, 0x08:
            emit(.backspace, into: &keys)
        case 0x03:
            emit(.interrupt, into: &keys)
        case 0x00..<0x20:
            emit(.ignored, into: &keys)
        case 0x20..<0x7F:
            emit(.character(Character(Unicode.Scalar(byte))), into: &keys)
        case 0xC2...0xDF:
            utf8 = [byte]
            utf8Needed = 1
        case 0xE0...0xEF:
            utf8 = [byte]
            utf8Needed = 2
        case 0xF0...0xF4:
            utf8 = [byte]
            utf8Needed = 3
        default:
            // A continuation byte with no lead, or a byte never valid in UTF-8.
            emit(.ignored, into: &keys)
        }
    }

    private mutating func emitUTF8(into keys: inout [KioskKey]) {
        defer { utf8.removeAll(keepingCapacity: true) }
        guard let text = String(validating: utf8, as: UTF8.self), let scalar = text.unicodeScalars.first else {
            emit(.ignored, into: &keys)
            return
        }
        if pasting {
            if pasteBytes.count < Self.maximumPaste { pasteBytes += utf8 }
            return
        }
        if scalar.properties.generalCategory == .control {
            keys.append(.ignored)
        } else {
            appendCharacter(scalar, into: &keys)
        }
    }

    /// A combining scalar joins the character typed just before it.
    private func appendCharacter(_ scalar: Unicode.Scalar, into keys: inout [KioskKey]) {
        if DisplayWidth.of(scalar) == 0, case .character(let previous)? = keys.last {
            var joined = String(previous)
            joined.unicodeScalars.append(scalar)
            if joined.count == 1 {
                keys[keys.count - 1] = .character(Character(joined))
                return
            }
        }
        keys.append(.character(Character(scalar)))
    }

    private mutating func emit(_ key: KioskKey, into keys: inout [KioskKey]) {
        guard pasting else {
            keys.append(key)
            return
        }
        guard pasteBytes.count < Self.maximumPaste else { return }
        switch key {
        case .character(let character): pasteBytes += Array(String(character).utf8)
        case .enter, .tab: pasteBytes.append(0x20)
        default: break
        }
    }

    private mutating func csi(final: UInt8, into keys: inout [KioskKey]) {
        let text = String(decoding: parameters, as: UTF8.self)
        let first = text.split(separator: ";").first.flatMap { Int($0) }
        if final == UInt8(ascii: "~") {
            switch first {
            case 200:
                pasting = true
                pasteBytes.removeAll(keepingCapacity: true)
                return
            case 201:
                if pasting { keys += endPaste() }
                return
            default:
                break
            }
        }
        guard !pasting else { return }
        switch (final, first) {
        case (UInt8(ascii: "A"), _): keys.append(.up)
        case (UInt8(ascii: "B"), _): keys.append(.down)
        case (UInt8(ascii: "C"), _): keys.append(.right)
        case (UInt8(ascii: "D"), _): keys.append(.left)
        case (UInt8(ascii: "H"), _): keys.append(.home)
        case (UInt8(ascii: "F"), _): keys.append(.end)
        case (UInt8(ascii: "~"), 1?), (UInt8(ascii: "~"), 7?): keys.append(.home)
        case (UInt8(ascii: "~"), 4?), (UInt8(ascii: "~"), 8?): keys.append(.end)
        case (UInt8(ascii: "~"), 3?): keys.append(.delete)
        case (UInt8(ascii: "~"), let code?) where Self.functionKeys[code] != nil: keys.append(.function(Self.functionKeys[code]!))
        default: keys.append(.ignored)
        }
    }

    /// `ESC [ n ~` codes of F1-F12 (xterm and the Linux console).
    private static let functionKeys: [Int: Int] = [
        11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 17: 6, 18: 7, 19: 8, 20: 9, 21: 10, 23: 11, 24: 12,
    ]
}
