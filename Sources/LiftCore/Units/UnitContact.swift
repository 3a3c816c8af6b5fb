/// How a unit is reached, as stored: its phone, its webhook address and the webhook's secret.
public struct UnitContact: Sendable, Hashable {
    public var phone: String?
    public var webhookURL: String?
    public var webhookSecret: String?

    public init(phone: String?, webhookURL: String?, webhookSecret: String?) {
        self.phone = phone
        self.webhookURL = webhookURL
        self.webhookSecret = webhookSecret
    }
}

extension UnitUpdate {
    /// The contact after this change, and the secret it generated, if any: a unit left with a
    /// webhook and no secret gets a generated one. Every store applies a unit update through this.
    public func applied(to contact: UnitContact) -> (contact: UnitContact, generatedSecret: WebhookSecret?) {
        var contact = contact
        switch phone {
        case .keep: break
        case .set(let value): contact.phone = value
        case .clear: contact.phone = nil
        }
        switch webhook {
        case .keep: break
        case .set(let endpoint): contact.webhookURL = endpoint.url
        case .clear: contact.webhookURL = nil
        }
        var generated: WebhookSecret?
        switch secret {
        case .set(let given): contact.webhookSecret = given.value
        case .generate: generated = WebhookSecret.generate()
        case .keep: if contact.webhookURL != nil && contact.webhookSecret == nil { generated = WebhookSecret.generate() }
        }
        if let generated { contact.webhookSecret = generated.value }
        return (contact, generated)
    }
}
