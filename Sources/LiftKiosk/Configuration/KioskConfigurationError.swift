/// A kiosk setting that is wrong: a bad kiosk.json, server URL or option.
public struct KioskConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ message: String) {
        description = message
    }
}
