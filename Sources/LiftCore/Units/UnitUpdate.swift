/// A change to one unit's contacts, from `liftcode units set`, a row of a units file or the admin API.
public struct UnitUpdate: Sendable, Hashable {
    /// What to do with one field.
    public enum Field<Value: Sendable & Hashable>: Sendable, Hashable {
        case keep
        case set(Value)
        case clear
    }

    /// What to do with the webhook secret.
    public enum SecretChange: Sendable, Hashable {
        /// Keep the stored one; a unit that gets a webhook without a secret gets a generated one.
        case keep
        /// Use this one (given by the operator, agreed with the unit).
        case set(WebhookSecret)
        /// Make a new one (the old one stops working at once).
        case generate
    }

    public var name: String
    /// Nil: the one unit of that name, whatever its kind.
    public var kind: Organization.Kind?
    public var phone: Field<String>
    public var webhook: Field<WebhookEndpoint>
    public var secret: SecretChange
    /// Create the unit when no unit has that name (needs `kind`).
    public var createIfMissing: Bool

    public init(
        name: String, kind: Organization.Kind? = nil, phone: Field<String> = .keep, webhook: Field<WebhookEndpoint> = .keep,
        secret: SecretChange = .keep, createIfMissing: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.phone = phone
        self.webhook = webhook
        self.secret = secret
        self.createIfMissing = createIfMissing
    }
}

/// What a unit change did.
public struct UnitUpdateOutcome: Sendable, Hashable {
    /// The unit as it now stands.
    public var unit: Organization
    public var created: Bool
    /// A secret made by this change, to hand to the unit; shown this once.
    public var generatedSecret: WebhookSecret?

    public init(unit: Organization, created: Bool, generatedSecret: WebhookSecret?) {
        self.unit = unit
        self.created = created
        self.generatedSecret = generatedSecret
    }
}

/// A unit as `units list` shows it: never its secret, only whether it has one.
public struct UnitListing: Sendable, Hashable, Codable {
    public var name: String
    public var kind: Organization.Kind
    public var phone: String?
    public var webhookURL: String?
    public var hasWebhookSecret: Bool
    /// Elevators it maintains or uses.
    public var elevators: Int
    /// Its registered workers (maintenance units).
    public var workers: Int

    public init(name: String, kind: Organization.Kind, phone: String?, webhookURL: String?, hasWebhookSecret: Bool, elevators: Int, workers: Int) {
        self.name = name
        self.kind = kind
        self.phone = phone
        self.webhookURL = webhookURL
        self.hasWebhookSecret = hasWebhookSecret
        self.elevators = elevators
        self.workers = workers
    }
}
