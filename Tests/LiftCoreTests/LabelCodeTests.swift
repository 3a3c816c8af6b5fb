import Testing

@testable import LiftCore

@Suite struct LabelCodeTests {
    @Test func base32RoundTripsAndIsCanonical() {
        for length in [0, 1, 5, 7, 64] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = Base32.encode(bytes)
            #expect(Base32.decode(text) == bytes)
            #expect(Base32.decode(text.lowercased()) == bytes)
        }
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode([UInt8](repeating: 0, count: 64)).count == 103)
        // "MZXW6YTBOJ" differs from "MZXW6YTBOI" only in trailing bits: refused.
        #expect(Base32.decode("MZXW6YTBOJ") == nil)
        #expect(Base32.decode("MZXW6YTBO0") == nil)
    }

    @Test func formatsAndParsesTheSameCode() throws {
        let number = try NNumber(parsing: "N006109")
        let code = LabelCode(baseURL: "HTTPS://LC.EXAMPLE.CN", number: number, serial: 12, keyID: "K1", signature: Array(repeating: 7, count: 64))
        #expect(code.prefix == "HTTPS://LC.EXAMPLE.CN/E/N006109-12-K1-")
        let parsed = try LabelCode.parse("  " + code.text.lowercased() + "\t")
        #expect(parsed == code)
        #expect(parsed.labelID.description == "N006109-12")
        let fromPath = try LabelCode.parse(path: String(code.text.dropFirst("HTTPS://LC.EXAMPLE.CN/E/".count)), baseURL: "HTTPS://LC.EXAMPLE.CN")
        #expect(fromPath == code)
    }

    /// The one-pass reading of a printed path accepts exactly what the general reading accepts
    /// (for the paths it takes), and yields the same code; whatever else it declines.
    @Test func theOnePassReadingAgreesWithTheGeneralOne() {
        let signature = Base32.encode((0..<64).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })
        let base = "HTTPS://LC.EXAMPLE.CN"
        var paths = [
            "N006109-1-K1-" + signature, "n006109-12-k1-" + signature.lowercased(), "N999999-9999-ZZZ9-" + signature,
            "N000000-1-K1-" + signature, "N006109-0-K1-" + signature, "N006109-01-K1-" + signature,
            "N006109-10000-K1-" + signature, "N006109-1-K12345-" + signature, "N006109-1--" + signature,
            "N006109--K1-" + signature, "N06109-1-K1-" + signature, "N0061090-1-K1-" + signature,
            " N006109-1-K1-" + signature, "N006109-1-K1-" + signature + " ", "N006109-1-K1-" + signature.dropLast(),
            "N006109-1-K1-" + signature + "A", "N006109-1-K1-" + signature.dropLast() + "1", "N006109-1-K_-" + signature,
            "X006109-1-K1-" + signature, "N006109-1-K1" + signature, "N006109-1-K1--" + signature.dropFirst(),
        ]
        // Every single character of a genuine path changed to each of a few others.
        let genuine = Array("N006109-1-K1-" + signature)
        for position in genuine.indices {
            for replacement in ["-", "0", "a", "Z", "8", " ", "é"] {
                var changed = genuine
                changed[position] = Character(replacement)
                paths.append(String(changed))
            }
        }
        for path in paths {
            let general = try? LabelCode.parseAnyForm(path: path, baseURL: base)
            var text = path
            let onePass = text.withUTF8 { WellFormedPath($0) }?.code(baseURL: base)
            if let onePass {
                #expect(onePass == general, "\(path)")
            }
            #expect((try? LabelCode.parse(path: path, baseURL: base)) == general, "\(path)")
            #expect((try? LabelCode(path: path, baseURL: base)) == general, "\(path)")
        }
        var printed = "N006109-1-K1-" + signature
        #expect(printed.withUTF8 { WellFormedPath($0) } != nil, "a printed path takes the one pass")
    }

    @Test func refusesMalformedParts() throws {
        let signature = Base32.encode([UInt8](repeating: 1, count: 64))
        #expect(throws: LabelCodeError.self) { try LabelCode.parse("HTTPS://X/E/N006109-01-K1-" + signature) }
        #expect(throws: LabelCodeError.self) { try LabelCode.parse("HTTPS://X/E/N006109-0-K1-" + signature) }
        #expect(throws: LabelCodeError.self) { try LabelCode.parse("HTTPS://X/E/N006109-10000-K1-" + signature) }
        #expect(throws: LabelCodeError.self) { try LabelCode.parse("HTTPS://X/E/N006109-1-K12345-" + signature) }
        #expect(throws: LabelCodeError.self) { try LabelCode.parse("HTTPS://X/E/N006109-1-K1-" + signature.dropLast()) }
        #expect(throws: LabelCodeError.notALabelCode) { try LabelCode.parse("HELLO") }
        #expect(throws: LabelCodeError.empty) { try LabelCode.parse("") }
        #expect(try LabelCode.parse("HTTPS://X/E/N006109-9999-K1-" + signature).serial == 9999)
    }

    @Test func normalisesTheBaseURL() {
        #expect(LabelCode.normalizedBaseURL(" https://lc.example.cn/ ") == "HTTPS://LC.EXAMPLE.CN")
    }

    @Test func labelIDParses() throws {
        let id = try LabelID(parsing: "n006109-2")
        #expect(id.description == "N006109-2")
        #expect(throws: LabelCodeError.self) { try LabelID(parsing: "N006109") }
    }
}

@Suite struct ComplaintDraftTests {
    @Test func acceptsAProblemWithoutText() throws {
        let draft = try ComplaintDraft(category: .complaint, problem: .noise, text: "  ").validated()
        #expect(draft.text == nil)
    }

    @Test func namesTheWrongField() {
        #expect(throws: ComplaintValidationError(field: "text", message: "choose a problem or describe it (1 to 500 characters)", chinese: "请选择问题或填写描述（1 至 500 字）")) {
            try ComplaintDraft(category: .complaint).validated()
        }
        #expect(throws: ComplaintValidationError.self) {
            try ComplaintDraft(category: .alarm, text: String(repeating: "电", count: 501)).validated()
        }
        let error = #expect(throws: ComplaintValidationError.self) {
            try ComplaintDraft(category: .alarm, problem: .shaking, phone: "12345678901").validated()
        }
        #expect(error?.field == "phone")
    }

    @Test func acceptsMainlandMobiles() throws {
        #expect(try ComplaintDraft(category: .alarm, problem: .shaking, phone: "139 1234 5678").validated().phone == "13912345678")
        #expect(ComplaintDraft.isMainlandMobile("19912345678"))
        #expect(!ComplaintDraft.isMainlandMobile("12912345678"))
        #expect(!ComplaintDraft.isMainlandMobile("1391234567"))
        #expect(try ComplaintDraft(category: .complaint, text: String(repeating: "电", count: 500)).validated().text?.count == 500)
    }

    @Test func ticketsAreUnguessableAndDistinct() {
        let tickets = Set((0..<1000).map { _ in Complaint.newTicket() })
        #expect(tickets.count == 1000)
        #expect(tickets.allSatisfy { $0.count == 21 && $0.hasPrefix("T") })
    }
}
