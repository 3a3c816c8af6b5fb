/// What `POST /api/v1/complaints` answers for a filed complaint: the reporter's ticket (a secret)
/// and where it went, as the reporter may see it. The server encodes it; a remote kiosk decodes it.
public struct ComplaintReceipt: Codable, Sendable, Hashable {
    public var ticket: String
    public var status: ComplaintState
    public var routedTo: String?
    /// The ticket page's path, "/T/<ticket>".
    public var url: String
    /// The ticket page under the server's public address: what a kiosk shows a passenger (servers
    /// before 0.2 send only `url`).
    public var link: String?
    /// Where the rescue stands, for a trapped report.
    public var rescue: PublicRescue?

    /// The receipt of a filed complaint, its link under `linkBase` ("https://lc.example.cn").
    public init(_ complaint: Complaint, linkBase: String) {
        let view = complaint.reporterView
        ticket = view.ticket
        status = view.status
        routedTo = view.routedTo
        rescue = view.rescue
        url = "/T/\(view.ticket)"
        link = linkBase + url
    }
}
