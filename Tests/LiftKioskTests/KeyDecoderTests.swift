import LiftKiosk
import Testing

/// Bytes to keys: text, control keys, escape sequences, pastes, and garbage.
@Suite struct KeyDecoderTests {
    /// Decodes a string's UTF-8 bytes.
    func keys(_ decoder: inout KeyDecoder, _ text: String) -> [KioskKey] {
        decoder.decode(Array(text.utf8))
    }

    @Test func textAndControls() {
        var decoder = KeyDecoder()
        let typed = keys(&decoder, "Ab电\r\t\u{7F}\u{03}")
        #expect(typed == [.character("A"), .character("b"), .character("电"), .enter, .tab, .backspace, .interrupt])
        // CR LF is one Enter; a lone LF is an Enter too.
        let lineEnds = keys(&decoder, "\r\n\n")
        #expect(lineEnds == [.enter, .enter])
    }

    @Test func escapeSequences() {
        var decoder = KeyDecoder()
        let sequences = keys(&decoder, "\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[3~\u{1B}[11~\u{1B}OP\u{1B}[[C\u{1B}[24~")
        #expect(sequences == [.up, .down, .right, .delete, .function(1), .function(1), .function(3), .function(12)])
        // A sequence split across reads still decodes.
        let first = decoder.decode([0x1B])
        #expect(first == [])
        #expect(decoder.hasPendingEscape)
        let rest = keys(&decoder, "[D")
        #expect(rest == [.left])
        // A lone ESC is the Escape key once input pauses.
        let lone = decoder.decode([0x1B])
        let flushed = decoder.flushPending()
        #expect(lone == [])
        #expect(flushed == [.escape])
        // OSC strings are skipped whole.
        let osc = keys(&decoder, "\u{1B}]0;title\u{07}x")
        #expect(osc == [.ignored, .character("x")])
    }

    @Test func utf8SplitAcrossReadsAndInvalidBytes() {
        var decoder = KeyDecoder()
        let bytes = Array("梯".utf8)
        let head = decoder.decode(bytes[0..<1])
        let tail = decoder.decode(bytes[1...])
        #expect(head == [])
        #expect(tail == [.character("梯")])
        let garbage = decoder.decode([0xFF, 0x41, 0xC3, 0x28, 0xED, 0xA0, 0x80]).filter { $0 != .ignored }
        #expect(garbage == [.character("A"), .character("(")])
    }

    @Test func bracketedPaste() {
        var decoder = KeyDecoder()
        let pasted = keys(&decoder, "\u{1B}[200~门关\r\n不上\u{1B}[31m\u{1B}[201~")
        #expect(pasted == [.paste("门关 不上")])
        // A paste whose end never comes ends when input pauses, and is bounded.
        let endless = decoder.decode(Array("\u{1B}[200~".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100_000))
        #expect(endless == [])
        let flushed = decoder.flushPending()
        guard case .paste(let text)? = flushed.first else {
            Issue.record("no paste: \(flushed)")
            return
        }
        #expect(text.utf8.count <= KeyDecoder.maximumPaste)
        let after = keys(&decoder, "ok")
        #expect(after == [.character("o"), .character("k")])
    }

    @Test func overlongSequencesAreAbandoned() {
        var decoder = KeyDecoder()
        let decoded = decoder.decode(Array("\u{1B}[".utf8) + Array(repeating: UInt8(ascii: "1"), count: 10_000) + Array("Az".utf8))
        #expect(decoded.last == .character("z"))
        #expect(decoded.filter { $0 == .ignored }.count == 1)
    }

    @Test func adminSequence() {
        var matcher = AdminSequenceMatcher(sequence: Array("\u{18}\u{18}quit".utf8))
        let early = matcher.feed(Array("\u{18}qui".utf8))
        let shifted = matcher.feed(Array("t\u{18}\u{18}qu".utf8))
        let complete = matcher.feed(Array("it".utf8))
        #expect(!early)
        #expect(!shifted)
        #expect(complete)
        var none = AdminSequenceMatcher(sequence: [])
        let never = none.feed([0x18, 0x18])
        #expect(!never)
    }
}
