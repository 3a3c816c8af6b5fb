import Foundation

/// The area a query covers: a district, or one street of it. No district means every district
/// (admins, and the command line run by whoever holds the database file).
public struct SupervisionScope: Sendable, Hashable, Codable {
    public var district: String?
    public var street: String?

    public init(district: String? = nil, street: String? = nil) {
        self.district = district
        self.street = street
    }

    /// Every district.
    public static let everywhere = SupervisionScope()
}
