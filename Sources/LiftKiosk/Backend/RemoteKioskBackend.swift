import AsyncHTTPClient
import Foundation
import LiftCore

/// The kiosk over a remote `liftcode serve`, through its public JSON API: `GET /E/<code>` and
/// `GET /api/v1/elevators/<number>` with `Accept: application/json`, and `POST /api/v1/complaints`.
///
/// A server that cannot be reached, or that answers 5xx, gives ``KioskBackendError/unreachable(_:)``
/// so the kiosk can say so and try again; a 4xx answer gives the server's own message.
public struct RemoteKioskBackend: KioskBackend {
    /// The server's base URL, without a trailing slash: "http://10.0.0.5:8080".
    public let server: String
    let client: HTTPClient
    /// How long one request may take, connection included.
    public let timeout: Duration
    /// The kiosk's language: the server answers refusals in it (Accept-Language).
    public let language: Language

    /// A backend for a server URL (http or https).
    public init(
        server: String, client: HTTPClient = .shared, timeout: Duration = .seconds(5), language: Language = .zh
    ) throws(KioskConfigurationError) {
        var base = server.trimmed
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil, url.query == nil
        else { throw KioskConfigurationError("--server \"\(server)\" is not an http:// or https:// URL") }
        self.server = base
        self.client = client
        self.timeout = timeout
        self.language = language
    }

    /// Asks the server; `today` is the server's own business (it judges status by its clock).
    public func lookup(_ input: ScanInput, today: CivilDate) async throws(KioskBackendError) -> ScanResult {
        let path: String
        switch input {
        case .code(let code): path = "/E/" + code.path
        case .number(let number): path = "/api/v1/elevators/\(number)"
        }
        var request = HTTPClientRequest(url: server + path)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Accept-Language", value: language.rawValue)
        let (status, body) = try await send(request)
        // The label routes answer a ScanResult for each verdict: 200, 400, 403, 404, 410.
        if [200, 400, 403, 404, 410].contains(status), let result = try? Self.decoder.decode(ScanResult.self, from: body) {
            return result
        }
        throw Self.error(status: status, body: body)
    }

    /// `POST /api/v1/complaints` with the scanned code (or the typed number); 201 gives the ticket.
    public func file(_ draft: ComplaintDraft, about input: ScanInput) async throws(KioskBackendError) -> KioskTicket {
        var fields = ComplaintRequest(category: draft.category, problem: draft.problem, text: draft.text, phone: draft.phone, role: draft.role)
        switch input {
        case .code(let code): fields.label = code.text
        case .number(let number): fields.elevator = number.description
        }
        var request = HTTPClientRequest(url: server + "/api/v1/complaints")
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Accept-Language", value: language.rawValue)
        request.headers.add(name: "Content-Type", value: "application/json")
        guard let json = try? JSONEncoder().encode(fields) else { throw .failed("the complaint could not be encoded") }
        request.body = .bytes(Array(json))
        let (status, body) = try await send(request)
        if status == 201, let answer = try? Self.decoder.decode(ComplaintReceipt.self, from: body) {
            // The server's public link: the address a kiosk reaches it by may be one a phone cannot.
            return KioskTicket(ticket: answer.ticket, status: answer.status, routedTo: answer.routedTo, url: answer.link ?? server + answer.url)
        }
        throw Self.error(status: status, body: body)
    }

    /// Sends a request and collects up to 1 MB of its answer.
    private func send(_ request: HTTPClientRequest) async throws(KioskBackendError) -> (Int, Data) {
        do {
            let seconds = Int64(timeout.components.seconds)
            let response = try await client.execute(request, timeout: .seconds(max(seconds, 1)))
            let buffer = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), Data(buffer.readableBytesView))
        } catch {
            throw .unreachable(Self.describe(error))
        }
    }

    /// The error an unexpected answer means: 5xx is the server's trouble (retry), 4xx a refusal.
    static func error(status: Int, body: Data) -> KioskBackendError {
        let message = (try? decoder.decode(ErrorBody.self, from: body))?.error.message
        if status >= 500 { return .unreachable("the server answered \(status)\(message.map { ": \($0)" } ?? "")") }
        return .refused(message ?? "the server answered \(status)")
    }

    /// A short reason for a transport failure.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") { return "no answer in time" }
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        return String(text.prefix(120))
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// `{"error": {"code": "...", "message": "..."}}`.
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var code: String?
            var message: String
        }
        var error: Detail
    }
}
