import Foundation
import LiftCore
import LiftKiosk
import Testing

/// Kiosk/kiosk.json: the shipped file reads, and wrong values are refused with a message.
@Suite struct KioskSettingsTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Kiosk/kiosk.json")

    @Test func shippedFileReads() throws {
        let settings = try KioskSettings.load(contentsOf: Self.shipped)
        #expect(settings.server == nil)
        #expect(settings.language == .zh)
        #expect(settings.idleTimeout == 60)
        #expect(settings.adminSequence == Array("\u{18}\u{18}liftadmin\r".utf8))
        #expect(settings.allowExit == false)
    }

    @Test func remoteAndEnglish() throws {
        let settings = try KioskSettings.parse(Data(#"{"server": "http://10.0.0.5:8080", "language": "EN", "idleTimeout": 30}"#.utf8))
        #expect(settings.server == "http://10.0.0.5:8080")
        #expect(settings.language == .en)
        #expect(settings.idleTimeout == 30)
        #expect(settings.adminSequence.isEmpty)
    }

    @Test(arguments: [
        (#"{"language": "fr"}"#, "\"language\" must be \"zh\" or \"en\""),
        (#"{"idleTimeout": 1}"#, "idle timeout must be 5 to 86400"),
        (#"{"idleTimeout": "soon"}"#, "\"idleTimeout\" has the wrong type"),
        (#"{"adminSequence": "ab"}"#, "admin sequence must be 4 to 64 bytes"),
        (#"[1, 2]"#, "is not a JSON object"),
    ])
    func wrongValuesAreRefused(json: String, message: String) {
        do {
            _ = try KioskSettings.parse(Data(json.utf8), source: "kiosk.json")
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
            #expect(error.description.hasPrefix("kiosk.json"))
        }
    }

    @Test func missingFileIsNamed() {
        #expect(throws: KioskConfigurationError.self) {
            try KioskSettings.load(contentsOf: URL(fileURLWithPath: "/nonexistent/kiosk.json"))
        }
    }
}
