import Foundation
import LiftCore
import Testing

/// The rules issue 10 put in LiftCore: ID numbers masked, webhook addresses checked, look-alike
/// characters refused in label codes.
@Suite struct PrivacyRulesTests {
    @Test func residentIDNumbersWithAValidCheckCharacterAreMasked() {
        // 11010519491231002X is the standard's own example; 110105194912310021's check digit is wrong.
        #expect(NationalIDMask.masking("身份证11010519491231002X请联系") == "身份证******************请联系")
        #expect(NationalIDMask.masking("id 11010519491231002x.") == "id ******************.")
        #expect(NationalIDMask.masking("订单 110105194912310021") == "订单 110105194912310021", "a wrong check digit is an ordinary number")
        #expect(NationalIDMask.masking("电话 13912345678 工单 1234567890123456789") == "电话 13912345678 工单 1234567890123456789")
        #expect(NationalIDMask.masking("9911010519491231002X") == "9911010519491231002X", "part of a longer number is left alone")
        // Full-width digits are digits too.
        #expect(NationalIDMask.masking("１１０１０５１９４９１２３１００２Ｘ") == "******************")
        #expect(NationalIDMask.containsNationalID("320602199001011234") == NationalIDMask.isValid(Array("320602199001011234")))
        #expect(NationalIDMask.masking("") == "")
    }

    /// The disguises a review tried: separators, invisible characters, other scripts' digits, a
    /// letter right after, and the old 15-digit form.
    @Test func disguisedIDNumbersAreMaskedToo() {
        let disguised = [
            "110105 19491231 002X", "110105-19491231-002X", "1101 0519 4912 3100 2X", "110105\u{00A0}19491231\u{3000}002X",
            "1101051949\u{200B}1231002X", "11010519491231002Xplease", "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟒𝟗𝟏𝟐𝟑𝟏𝟎𝟎𝟐X",
            "110105491231002",
        ]
        for text in disguised {
            let masked = NationalIDMask.masking("身份证" + text + " 谢谢")
            #expect(!masked.contains(where: { $0.isNumber }), "\(text) → \(masked)")
            #expect(masked.hasPrefix("身份证*") && masked.hasSuffix(" 谢谢"), "\(masked)")
        }
        // Ordinary numbers stay: a phone, an order number, a 15-digit number that is no ID.
        for text in ["13912345678", "订单 2026112512345678901", "流水 991234567890123", "N006109-1-K1"] {
            #expect(NationalIDMask.masking(text) == text)
        }
    }

    @Test func webhookAddressesMustBePublicHTTP() throws {
        #expect(try WebhookEndpoint(validating: "https://ops.example.cn/liftcode").host == "ops.example.cn")
        #expect(try WebhookEndpoint(validating: "http://203.0.114.9:8080/hook").host == "203.0.114.9")
        let refused: [(String, WebhookEndpointError)] = [
            ("ftp://ops.example.cn/", .scheme("ftp")),
            ("file:///etc/passwd", .scheme("file")),
            ("http://127.0.0.1/hook", .internalAddress("127.0.0.1")),
            ("http://localhost:8080/", .internalAddress("localhost")),
            ("http://169.254.169.254/latest/meta-data", .internalAddress("169.254.169.254")),
            ("http://10.0.0.5/", .internalAddress("10.0.0.5")),
            ("http://172.20.1.1/", .internalAddress("172.20.1.1")),
            ("http://192.168.1.1/", .internalAddress("192.168.1.1")),
            ("http://100.64.0.1/", .internalAddress("100.64.0.1")),
            ("http://[::1]/", .internalAddress("::1")),
            ("http://[fe80::1]/", .internalAddress("fe80::1")),
            ("http://[fd00::1]/", .internalAddress("fd00::1")),
            ("http://[::ffff:127.0.0.1]/", .internalAddress("::ffff:127.0.0.1")),
            ("http://[::ffff:0:7f00:1]/", .internalAddress("::ffff:0:7f00:1")),
            ("http://0.0.0.0/", .internalAddress("0.0.0.0")),
            ("http://user:pw@ops.example.cn/", .credentials),
        ]
        for (url, expected) in refused {
            #expect(throws: expected, "\(url)") { try WebhookEndpoint(validating: url) }
        }
        // Numbers that resolvers read as 127.0.0.1 in other spellings.
        for url in ["http://2130706433/", "http://0x7f000001/", "http://127.1/"] {
            #expect(throws: WebhookEndpointError.self, "\(url)") { try WebhookEndpoint(validating: url) }
        }
        #expect(throws: WebhookEndpointError.self) { try WebhookEndpoint(validating: "not a url") }
        #expect(try WebhookEndpoint(validating: "http://127.0.0.1:9000/hook", allowPrivateAddresses: true).host == "127.0.0.1")
        #expect(IPAddress("8.8.8.8")?.isPublic == true)
        #expect(IPAddress("2400:3200::1")?.isPublic == true)
    }

    @Test func anyNonASCIICharacterMakesACodeMalformed() throws {
        let signature = String(repeating: "A", count: 103)
        #expect(throws: Never.self) { try LabelCode.parse("HTTPS://LC.EXAMPLE.CN/E/N006109-1-K1-\(signature)") }
        // A dotless ı and a Kelvin sign upper-case to I and K.
        for forged in ["https://lc.example.cn/e/n006109-1-k1-\(signature.dropLast())ı", "HTTPS://LC.EXAMPLE.CN/E/N006109-1-\u{212A}1-\(signature)"] {
            #expect(throws: LabelCodeError.nonASCII) { try LabelCode.parse(forged) }
        }
        #expect(throws: LabelCodeError.nonASCII) { try LabelCode.parse(path: "N006109-1-K1-\(signature.dropLast())ı", baseURL: "HTTPS://X") }
        // Not even a non-ASCII space around it.
        #expect(throws: LabelCodeError.nonASCII) { try LabelCode.parse("HTTPS://LC.EXAMPLE.CN/E/N006109-1-K1-\(signature)\u{00A0}") }
    }

    @Test func bidirectionalOverridesAreRefusedInComplaintTexts() {
        #expect(throws: ComplaintValidationError.self) {
            try ComplaintDraft(category: .complaint, problem: .noise, text: "正常\u{202E}常正").validated()
        }
    }

    @Test func limitsCountAnIPv6ClientByItsSlash64() {
        #expect(IPAddress.limitKey("2001:db8:1:2::1") == "2001:db8:1:2::/64")
        #expect(IPAddress.limitKey("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64")
        #expect(IPAddress.limitKey("2001:db8:1:3::1") != IPAddress.limitKey("2001:db8:1:2::1"))
        #expect(IPAddress.limitKey("203.0.113.7") == "203.0.113.7")
        #expect(IPAddress.limitKey("::ffff:203.0.113.7") == "203.0.113.7", "an IPv4 peer of a dual-stack socket is the same client")
        #expect(IPAddress.limitKey("unknown") == "unknown")
    }
}
