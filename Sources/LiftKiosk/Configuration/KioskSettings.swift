import Foundation
import LiftCore

/// How a kiosk runs: Kiosk/kiosk.json, overridden by the command's options.
///
///     {
///       "server": "http://10.0.0.5:8080",
///       "language": "zh",
///       "idleTimeout": 60,
///       "adminSequence": "\u0018\u0018exit",
///       "title": "南通市电梯安全公共服务平台"
///     }
public struct KioskSettings: Sendable, Equatable {
    /// The remote `liftcode serve` to ask, or nil for the local database.
    public var server: String?
    public var language: Language
    /// Seconds without a key before the kiosk goes back to the waiting screen.
    public var idleTimeout: Double
    /// The raw bytes that make the kiosk exit (typed on its keyboard); empty for none.
    public var adminSequence: [UInt8]
    /// Whether Ctrl-C exits (for trying it out; never on a lobby kiosk).
    public var allowExit: Bool
    /// The platform name in the title bar.
    public var title: String?

    public init(
        server: String? = nil, language: Language = .zh, idleTimeout: Double = 60, adminSequence: [UInt8] = [],
        allowExit: Bool = false, title: String? = nil
    ) {
        self.server = server
        self.language = language
        self.idleTimeout = idleTimeout
        self.adminSequence = adminSequence
        self.allowExit = allowExit
        self.title = title
    }

    /// The shortest admin sequence accepted: shorter ones are too easy to hit by chance.
    public static let minimumAdminSequence = 4

    /// The file's fields; every one optional.
    struct File: Decodable {
        var server: String?
        var language: String?
        var idleTimeout: Double?
        var adminSequence: String?
        var title: String?
    }

    /// Reads kiosk.json. Throws a message naming the file and the field that is wrong.
    public static func load(contentsOf url: URL) throws(KioskConfigurationError) -> KioskSettings {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw KioskConfigurationError("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try parse(data, source: url.path)
    }

    /// Reads the JSON of a kiosk.json.
    public static func parse(_ data: Data, source: String = "kiosk.json") throws(KioskConfigurationError) -> KioskSettings {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw KioskConfigurationError("\(source): \"\(context.codingPath.last?.stringValue ?? "?")\" has the wrong type")
        } catch {
            throw KioskConfigurationError("\(source) is not a JSON object of kiosk settings")
        }
        var settings = KioskSettings()
        if let server = file.server?.trimmed, !server.isEmpty { settings.server = server }
        if let language = file.language {
            guard let parsed = Language(rawValue: language.trimmed.lowercased()) else {
                throw KioskConfigurationError("\(source): \"language\" must be \"zh\" or \"en\", not \"\(language)\"")
            }
            settings.language = parsed
        }
        if let idle = file.idleTimeout { settings.idleTimeout = idle }
        if let sequence = file.adminSequence { settings.adminSequence = Array(sequence.utf8) }
        if let title = file.title?.trimmed, !title.isEmpty { settings.title = title }
        try settings.validate(source: source)
        return settings
    }

    /// Checks the values: an idle timeout of 5 s to a day, an admin sequence of 4 to 64 bytes.
    public func validate(source: String = "kiosk settings") throws(KioskConfigurationError) {
        guard idleTimeout.isFinite, (5...86_400).contains(idleTimeout) else {
            throw KioskConfigurationError("\(source): the idle timeout must be 5 to 86400 seconds, not \(idleTimeout)")
        }
        guard adminSequence.isEmpty || (Self.minimumAdminSequence...64).contains(adminSequence.count) else {
            throw KioskConfigurationError("\(source): the admin sequence must be 4 to 64 bytes long (or empty for none)")
        }
    }
}
