/// One key (or pasted text) decoded from the terminal's input bytes.
public enum KioskKey: Sendable, Hashable {
    /// A printable character: typed, sent by a barcode scanner, or committed by an input method.
    case character(Character)
    /// Text inside a bracketed paste, sanitized.
    case paste(String)
    case enter
    case tab
    case backspace
    case delete
    case escape
    case up
    case down
    case left
    case right
    case home
    case end
    /// F1 to F12.
    case function(Int)
    /// Ctrl-C (raw mode delivers it as a byte, not a signal).
    case interrupt
    /// Another control character or escape sequence, ignored.
    case ignored
}
