/// A maintenance worker of a maintenance unit. Never holds a national ID number.
public struct Worker: Sendable, Hashable, Codable {
    public var id: Int64?
    /// The platform login (W0001…), never an ID number.
    public var login: String
    public var name: String
    public var phone: String?
    public var unitName: String

    public init(id: Int64? = nil, login: String, name: String, phone: String? = nil, unitName: String) {
        self.id = id
        self.login = login
        self.name = name
        self.phone = phone
        self.unitName = unitName
    }
}
