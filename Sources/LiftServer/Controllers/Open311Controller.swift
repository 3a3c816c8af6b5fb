import Foundation
import Hummingbird
import LiftCore

/// Open311 GeoReport v2 (JSON), so existing civic-issue clients can file and follow complaints.
/// Services are the complaint categories; `address_id` is an elevator number or a label code.
///
/// Open311 lists are public, so a request is named by the complaint's public id, never by its
/// ticket (the reporter's secret key to the ticket page and its feedback form), and shows only the
/// service, status, elevator number, dates and the responsible agency: never the reporter's text,
/// phone or ticket, and no agency for a classified elevator.
struct Open311Controller: Sendable {
    let desk: ComplaintDesk
    let complaints: any ComplaintStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/open311/v2/services.json", use: services)
        router.post("/open311/v2/requests.json", use: create)
        router.get("/open311/v2/requests.json", use: list)
        router.get("/open311/v2/requests/{id}.json", use: show)
    }

    struct Service: Encodable {
        let service_code: String
        let service_name: String
        let description: String
        let metadata: Bool
        let type: String
        let keywords: String
        let group: String
    }

    struct ServiceRequest: Encodable {
        let service_request_id: String
        let status: String
        let status_notes: String?
        let service_name: String
        let service_code: String
        let description: String?
        let agency_responsible: String?
        let service_notice: String?
        let requested_datetime: Date
        let updated_datetime: Date
        let expected_datetime: Date?
        let address: String?
        let address_id: String
        let zipcode: String?
        let lat: Double?
        let long: Double?
        let media_url: String?
    }

    /// What the reporter gets back: the public id, and (for the reporter alone) the ticket that
    /// opens the ticket page.
    struct Created: Encodable {
        let service_request_id: String
        let service_notice: String?
        let account_id: String?
        let ticket: String
        let ticket_url: String
    }

    /// GeoReport errors are a list of `{code, description}`.
    struct Failure: Encodable {
        let code: Int
        let description: String
    }

    @Sendable func services(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        return try .json(ComplaintCategory.allCases.map {
            Service(
                service_code: $0.rawValue, service_name: $0.name(in: language),
                description: $0 == .alarm ? "elevator fault; people trapped call 96333 first" : "elevator \($0.rawValue) for its maintenance unit",
                metadata: false, type: "realtime", keywords: "elevator,电梯", group: "elevator")
        })
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.collectBody(limit: context.maxUploadSize)
        struct Input: Decodable {
            var service_code: String?
            var address_id: String?
            var description: String?
            var phone: String?
            var attribute: [String: String]?
        }
        let input: Input
        if request.headers[.contentType]?.contains("json") == true {
            input = try ComplaintController.decodeJSON(Input.self, from: body)
        } else {
            guard let text = String(validating: body.readableBytesView, as: UTF8.self), let decoded = try? URLEncodedFormDecoder().decode(Input.self, from: text) else {
                return try .json([Failure(code: 400, description: "the form could not be read")], status: .badRequest)
            }
            input = decoded
        }
        guard let code = input.service_code, let category = ComplaintCategory(rawValue: code) else {
            return try .json([Failure(code: 400, description: "service_code must be one of complaint, suggestion, alarm")], status: .badRequest)
        }
        guard let address = input.address_id, !address.isEmpty else {
            return try .json([Failure(code: 400, description: "address_id (an elevator number or a label code) is required")], status: .badRequest)
        }
        let problem = input.attribute?["problem"].flatMap(ComplaintProblem.init(rawValue:))
        let subject: ComplaintDesk.Subject = address.contains("/") ? .code(address) : .number(address)
        do {
            let complaint = try await desk.file(
                ComplaintDraft(category: category, problem: problem, text: input.description, phone: input.phone),
                about: subject, clientAddress: context.clientAddress)
            let routedTo = complaint.reporterView.routedTo
            return try .json(
                [Created(
                    service_request_id: complaint.publicID, service_notice: routedTo.map { "routed to \($0)" }, account_id: nil,
                    ticket: complaint.ticket, ticket_url: "/T/\(complaint.ticket)")],
                status: .created)
        } catch let error as APIError {
            return try .json([Failure(code: Int(error.status.code), description: error.message)], status: error.status)
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var filter = ComplaintFilter(limit: 200)
        if let ids = query.get("service_request_id") {
            var found: [ServiceRequest] = []
            for id in ids.split(separator: ",").prefix(50) {
                let publicID = id.trimmingCharacters(in: .whitespaces).uppercased()
                guard publicID.utf8.count <= 32 else { continue }
                if let complaint = try await complaints.complaint(publicID: publicID) {
                    found.append(Self.view(complaint))
                }
            }
            return try .json(found)
        }
        if let address = query.get("address_id") {
            guard let number = try? NNumber(parsing: address) else {
                return try .json([Failure(code: 400, description: "address_id must be an elevator number such as N006109")], status: .badRequest)
            }
            filter.number = number
        }
        let status = query.get("status")
        var found = try await complaints.complaints(filter).map(Self.view)
        if let status { found = found.filter { $0.status == status } }
        return try .json(found)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id").uppercased()
        guard id.utf8.count <= 32, let complaint = try await complaints.complaint(publicID: id) else {
            return try .json([Failure(code: 404, description: "no service request \(id)")], status: .notFound)
        }
        return try .json([Self.view(complaint)])
    }

    /// The public view of a complaint: no text, phone, ticket or notes; no agency for a classified elevator.
    static func view(_ complaint: Complaint) -> ServiceRequest {
        ServiceRequest(
            service_request_id: complaint.publicID, status: complaint.state.isOpen ? "open" : "closed",
            status_notes: complaint.state.name(in: .en), service_name: complaint.draft.category.name(in: .en),
            service_code: complaint.draft.category.rawValue, description: nil,
            agency_responsible: complaint.reporterView.routedTo, service_notice: nil, requested_datetime: complaint.createdAt,
            updated_datetime: complaint.events.last?.at ?? complaint.createdAt, expected_datetime: nil, address: nil,
            address_id: complaint.number.description, zipcode: nil, lat: nil, long: nil, media_url: nil)
    }
}
