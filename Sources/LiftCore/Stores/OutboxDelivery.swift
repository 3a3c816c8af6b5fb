import Foundation

/// One queued webhook post.
public struct OutboxDelivery: Sendable, Hashable {
    public var id: Int64
    /// The complaint's ticket; empty for a rescue order's delivery.
    public var ticket: String
    /// The idempotency key the receiver sees: the complaint's public id, a rescue order's id
    /// ("R…"), or "R…-escalated" for an escalation to the regulator (a ticket never leaves).
    public var complaintID: String
    public var url: String
    /// The JSON body to post.
    public var payload: String
    public var attempts: Int
    /// The unit's webhook secret, which signs the post.
    public var secret: WebhookSecret?

    public init(id: Int64, ticket: String, complaintID: String, url: String, payload: String, attempts: Int, secret: WebhookSecret? = nil) {
        self.id = id
        self.ticket = ticket
        self.complaintID = complaintID
        self.url = url
        self.payload = payload
        self.attempts = attempts
        self.secret = secret
    }
}
