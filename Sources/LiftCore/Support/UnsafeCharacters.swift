extension StringProtocol {
    /// Whether a text holds control characters other than line breaks and tabs (a NUL cuts a text
    /// short in one store and is refused by another; the others have no place in what people read).
    public var containsControlCharacters: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r" }
    }

    /// Whether a text holds bidirectional overrides or isolates, which make it read differently
    /// from what it holds.
    public var containsBidirectionalControls: Bool {
        unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
    }
}
