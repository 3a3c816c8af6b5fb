import LiftCore

/// What one label shows: its signed code, its district, and the elevator's 96333 rescue code when known.
public struct PrintedLabel: Sendable, Hashable {
    public var code: LabelCode
    /// The district's name, for layouts that print it.
    public var district: String
    /// The elevator's 96333 识别码, when the registry knows it.
    public var rescueCode: String?

    public init(code: LabelCode, district: String, rescueCode: String? = nil) {
        self.code = code
        self.district = district
        self.rescueCode = rescueCode
    }
}
