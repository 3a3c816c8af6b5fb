import Foundation
import LiftCore
@testable import LiftServer
import Testing

/// The typed writers behind the label answers: HTML that escapes every value by construction, and
/// JSON that is byte for byte what the API's `JSONEncoder` makes.
@Suite struct PageWriterTests {
    /// Texts that a registry, a scan or an attacker may hold.
    static let texts = [
        "", "plain", "<script>alert(1)</script>", "a & b", "\"quoted\"", "it's", "\"\u{301}", "'\u{301}>", "崇川区 & <东>",
        "tab\tline\nreturn\r", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}", "back\\slash/slash", "\u{2028}\u{2029}", "emoji 🛗 é",
        "</dd><script>", "&amp;",
    ]

    @Test func everyInterpolatedStringIsEscaped() {
        for text in Self.texts {
            let html: HTML = "<p title=\"\(text)\">\(text)</p>"
            let shown = html.description
            let inner = shown.dropFirst("<p title=\"".count).dropLast("</p>".count)
            #expect(!inner.contains("<") && !inner.contains("\"\(text)") || text.isEmpty || !text.contains(where: { "<>&\"'".contains($0) }))
            for byte in String(inner).utf8 where byte == UInt8(ascii: "<") || byte == UInt8(ascii: "'") {
                Issue.record("raw \(UnicodeScalar(byte)) in \(shown)")
            }
            // The only quotes left are the attribute's own two.
            #expect(shown.utf8.filter { $0 == UInt8(ascii: "\"") }.count == 2, "\(shown)")
        }
        let markup: HTML = "<b>\("x")</b>"
        #expect(("<i>\(markup)</i>" as HTML).description == "<i><b>x</b></i>", "HTML is placed as markup")
    }

    /// A quote followed by a combining accent is one Swift Character but still a quote to a
    /// browser: it is escaped (Mustache, escaping Character by Character, left it raw).
    @Test func aQuoteWithACombiningMarkIsEscaped() {
        let html: HTML = "<a href=\"tel:\("1\"\u{301} onmouseover=alert(1)")\">"
        #expect(html.description == "<a href=\"tel:1&quot;\u{301} onmouseover=alert(1)\">")
    }

    @Test func escapingMatchesMustacheForOrdinaryText() {
        // The entities Mustache writes: & < > " ' and nothing else.
        let html: HTML = "\("<>&\"'/=`")"
        #expect(html.description == "&lt;&gt;&amp;&quot;&#39;/=`")
    }

    @Test func jsonIsWhatTheEncoderMakes() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let label = LabelID(number: NNumber(value: 6109)!, serial: 12)
        var results = [
            ScanResult(outcome: .malformed, reason: "bad"),
            ScanResult(outcome: .counterfeit, reason: "r", reasonZH: "签名", label: label, number: label.number),
        ]
        let dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_000_000.999), Date(timeIntervalSince1970: 951_782_400),
            Date(timeIntervalSince1970: 4_102_444_799.5), Date(timeIntervalSinceReferenceDate: 0),
        ]
        for (index, text) in Self.texts.enumerated() {
            var elevator = PublicElevator.sample
            elevator.address = text
            elevator.userUnit = text.isEmpty ? nil : text
            elevator.lastMaintenance?.workerName = text
            elevator.lastMaintenance?.endedAt = dates[index % dates.count]
            elevator.insurance?.insurer = text
            elevator.inspectionOverdue = index % 3 == 0
            if index % 4 == 0 { elevator.lastMaintenance = nil }
            if index % 5 == 0 { elevator.insurance = nil }
            results.append(ScanResult(outcome: .genuine, reason: text, reasonZH: text, label: label, number: label.number, elevator: elevator))
        }
        // The encoder writes an object's keys in no fixed order (the writer in declaration order):
        // the values are compared, and each string's escaping byte for byte.
        for result in results {
            let expected = try JSONSerialization.jsonObject(with: try encoder.encode(result)) as? NSDictionary
            let written = try JSONSerialization.jsonObject(with: Data(result.json)) as? NSDictionary
            #expect(written != nil && written == expected, "\(String(decoding: result.json, as: UTF8.self))")
        }
        for text in Self.texts {
            var json = JSONText()
            json.string(text)
            #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: try encoder.encode(text), as: UTF8.self))
        }
    }
}

extension PublicElevator {
    /// An elevator with every field set, from a registry record.
    static var sample: PublicElevator {
        let elevator = Elevator(
            number: NNumber(value: 6109)!, rescueCode: "005248", registrationCode: "301", address: "地址", building: "楼", district: "区",
            street: "街", nextInspection: CivilDate(year: 2027, month: 1, day: 1), userUnit: "使用", maintenanceUnit: "维保", manufacturer: "造")
        let today = CivilDate(year: 2026, month: 11, day: 25)!
        let facts = ElevatorFacts(
            elevator: elevator, userUnitPhone: "0513-1", maintenanceUnitPhone: "0513-2",
            insurancePolicies: [
                Insurance(
                    insurer: "保", policyNumber: "P", coverage: "责任", validFrom: today.adding(days: -10), validTo: today.adding(days: 10),
                    claimsPhone: "95518")
            ],
            lastMaintenance: LastMaintenance(endedAt: Date(timeIntervalSince1970: 1_790_000_000), type: .halfMonth, workerName: "工", workerPhone: "139"))
        var view = PublicElevator(facts, today: today)
        view.nextHalfMonthDue = "2026-12-01"
        return view
    }
}
