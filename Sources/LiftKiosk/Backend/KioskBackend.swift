import LiftCore

/// Where the kiosk gets its answers: the local database (``LocalKioskBackend``) or a remote
/// `liftcode serve` (``RemoteKioskBackend``). The kiosk sees storage only through this.
public protocol KioskBackend: Sendable {
    /// Verifies a scanned code or looks up a typed number.
    func lookup(_ input: ScanInput, today: CivilDate) async throws(KioskBackendError) -> ScanResult

    /// Files a complaint about the elevator of a scan; the code is verified again where it is filed.
    func file(_ draft: ComplaintDraft, about input: ScanInput) async throws(KioskBackendError) -> KioskTicket
}

/// What the kiosk shows after a complaint was filed.
public struct KioskTicket: Sendable, Hashable, Codable {
    public var ticket: String
    public var status: ComplaintState
    /// The unit it went to.
    public var routedTo: String?
    /// Where the reporter follows it, when the kiosk knows the server's address.
    public var url: String?

    public init(ticket: String, status: ComplaintState, routedTo: String?, url: String? = nil) {
        self.ticket = ticket
        self.status = status
        self.routedTo = routedTo
        self.url = url
    }
}

/// Why the backend gave no answer.
public enum KioskBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server could not be reached (or answered 5xx): worth retrying.
    case unreachable(String)
    /// The request was refused with a reason to show (a bad phone number, an unknown elevator, a
    /// rate limit): retrying will not help.
    case refused(String)
    /// The local database failed.
    case failed(String)

    public var description: String {
        switch self {
        case .unreachable(let reason): "server unreachable: \(reason)"
        case .refused(let reason): reason
        case .failed(let reason): reason
        }
    }

    /// Whether trying again later may succeed.
    public var isTransient: Bool {
        if case .unreachable = self { return true }
        return false
    }
}
