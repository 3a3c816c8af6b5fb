import Foundation
import LiftCore
import Testing

/// The one rule for reading a scan: a short text without "/" is a typed number, anything else a
/// label code; a code's path and its parse are one round trip; a result's JSON keeps strings.
@Suite struct ScanInputTests {
    static let code = LabelCode(
        baseURL: "HTTPS://LC.EXAMPLE.CN", number: NNumber(value: 6109)!, serial: 12, keyID: "K1", signature: Array(repeating: 7, count: 64))

    @Test(arguments: ["006109", "N006109", "n006109", " 006109\t", "\u{3000}N006109"])
    func shortTextsAreTypedNumbers(_ text: String) throws {
        #expect(try ScanInput(parsing: text) == .number(NNumber(value: 6109)!))
    }

    @Test func longerTextsAreCodes() throws {
        #expect(try ScanInput(parsing: Self.code.text.lowercased() + "\r\n") == .code(Self.code))
        #expect(try ScanInput(reading: Self.code.text) == .code(Self.code))
    }

    @Test func whatIsNeitherSaysWhy() {
        #expect(throws: ScanInputError.notANumber(.wrongLength("12345", 5))) { try ScanInput(parsing: "12345") }
        #expect(throws: ScanInputError.notANumber(.wrongLength("N0061090", 7))) { try ScanInput(parsing: "N0061090") }
        #expect(throws: ScanInputError.notALabel(.notALabelCode)) { try ScanInput(parsing: "N006109-1") }
        #expect(throws: ScanInputError.notALabel(.notALabelCode)) { try ScanInput(parsing: "a/b") }
        // A non-ASCII space around a code is refused, as inside it.
        #expect(throws: ScanInputError.notALabel(.nonASCII)) { try ScanInput(parsing: Self.code.text + "\u{00A0}") }
        #expect(throws: ScanInputError.empty) { try ScanInput(reading: " \t") }
        #expect(throws: ScanInputError.tooLong) { try ScanInput(reading: String(repeating: "A", count: 601)) }
        #expect(ScanInputError.notALabel(.notALabelCode).chineseDescription == LabelCodeError.notALabelCode.chineseDescription)
    }

    @Test func aCodesPathReadsBackUnderItsBase() throws {
        #expect(Self.code.text == Self.code.baseURL + "/E/" + Self.code.path)
        #expect(try LabelCode(path: Self.code.path, baseURL: Self.code.baseURL) == Self.code)
        #expect(try LabelCode(path: Self.code.path.lowercased(), baseURL: Self.code.baseURL) == Self.code)
        #expect(throws: LabelCodeError.notALabelCode) { try LabelCode(path: "N006109", baseURL: "HTTPS://X") }
    }

    @Test func aResultsLabelAndNumberAreStringsInJSON() throws {
        let result = ScanResult(
            outcome: .revoked, reason: "r", reasonZH: "作废", label: Self.code.labelID, number: Self.code.number)
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(result)) as? [String: Any]
        #expect(json?["label"] as? String == "N006109-12")
        #expect(json?["number"] as? String == "N006109")
        #expect(try JSONDecoder().decode(ScanResult.self, from: try JSONEncoder().encode(result)) == result)
        let bad = Data(#"{"outcome":"genuine","reason":"x","label":"N006109-0"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ScanResult.self, from: bad) }
    }
}
