import Foundation
import Testing

@testable import LiftCore

/// `LabelCode.parse` finds the last "/E/" in the bytes; it must find the one Foundation's backwards
/// search found, in every ASCII text (short, overlapping "/E/E/", at either end).
@Suite struct LabelCodeMarkerTests {
    /// Every text of up to eight characters over "/", "E", "X" and a space.
    static func texts(upTo length: Int) -> [String] {
        var all = [""]
        var layer = [""]
        for _ in 0..<length {
            layer = layer.flatMap { text in ["/", "E", "X", " "].map { text + $0 } }
            all += layer
        }
        return all
    }

    @Test func theByteSearchFindsWhatFoundationsBackwardsSearchFound() {
        var compared = 0
        for text in Self.texts(upTo: 8) {
            let foundation = text.range(of: "/E/", options: .backwards).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
            #expect(LabelCode.lastPathMarker(in: text) == foundation, "\(text.debugDescription)")
            compared += 1
        }
        #expect(compared == 87_381)
    }

    @Test func aCodeSplitsAtTheLastMarkerWhateverComesBefore() throws {
        let path = "N006109-1-K1-" + String(repeating: "A", count: 103)
        for base in ["", "/E", "HTTP://X/E", "HTTP://X/E/E", "E/"] {
            let text = base + "/E/" + path
            #expect(try LabelCode.parse(text).baseURL == base, "\(text)")
        }
        #expect(throws: LabelCodeError.notALabelCode) { try LabelCode.parse("/E") }
        #expect(throws: LabelCodeError.notALabelCode) { try LabelCode.parse("E/") }
    }
}
