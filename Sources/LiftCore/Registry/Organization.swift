/// An organisation (单位) the registry names: a user unit, a maintenance unit or an insurer.
public struct Organization: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// 使用单位: the property manager.
        case user
        /// 维保单位: the maintenance company.
        case maintenance
        case insurer
    }

    public var id: Int64?
    public var name: String
    public var kind: Kind
    public var phone: String?
    /// Where complaints for this unit are posted, when it has a system of its own.
    public var webhookURL: String?

    public init(id: Int64? = nil, name: String, kind: Kind, phone: String? = nil, webhookURL: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.phone = phone
        self.webhookURL = webhookURL
    }
}
