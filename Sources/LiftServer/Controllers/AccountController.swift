import Foundation
import Hummingbird
import LiftCore

/// Routes for accounts (bearer tokens): maintainers and workers handle complaints, property
/// managers see their elevators and complaints. Each sees only its own scope (403 otherwise).
struct AccountController: Sendable {
    let complaints: any ComplaintStore
    let registry: any RegistryStore
    let today: @Sendable () -> CivilDate

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/complaints", use: listComplaints)
        group.post("/complaints/{id}/acknowledge", use: acknowledge)
        group.post("/complaints/{id}/resolve", use: resolve)
        group.get("/elevators", use: listElevators)
    }

    /// The complaints an account may see.
    static func filter(for account: Account, openOnly: Bool) throws -> ComplaintFilter {
        switch account.role {
        case .maintainer: return ComplaintFilter(routedTo: account.unit, openOnly: openOnly)
        case .worker: return ComplaintFilter(routedTo: account.unit ?? "", workerLogin: account.workerLogin ?? "", openOnly: openOnly)
        case .property: return ComplaintFilter(userUnit: account.unit, openOnly: openOnly)
        case .regulator: return ComplaintFilter(district: account.district, street: account.street, openOnly: openOnly)
        case .admin: return ComplaintFilter(openOnly: openOnly)
        case .emergencyOperator: throw APIError.forbidden("the 96333 line follows rescues (/api/v1/rescues), not complaints")
        }
    }

    @Sendable func listComplaints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let openOnly = request.uri.queryParameters.get("open") == "true"
        let found = try await complaints.complaints(try Self.filter(for: account, openOnly: openOnly))
        return try .json(found.map { HandlerView($0, for: account) })
    }

    /// What an account sees of a complaint: the reporter's phone goes to the maintenance unit
    /// handling it (its maintainers and workers) alone, as the form promises; property managers,
    /// regulators and admins see the rest without it.
    struct HandlerView: Encodable {
        /// The complaint's public id: staff never see the ticket, which is the reporter's key to
        /// the ticket page and its feedback.
        let id: String
        let elevator: String
        let label: String?
        let verification: VerificationOutcome
        let category: ComplaintCategory
        let problem: ComplaintProblem?
        let text: String?
        let phone: String?
        let role: ReporterRole
        let status: ComplaintState
        let routedTo: String?
        let routedWorker: String?
        let resolution: String?
        let satisfied: Bool?
        let createdAt: Date

        init(_ complaint: Complaint, for account: Account) {
            id = complaint.publicID
            elevator = complaint.number.description
            label = complaint.label?.description
            verification = complaint.verification
            category = complaint.draft.category
            problem = complaint.draft.problem
            text = complaint.draft.text
            phone = Self.seesPhone(account) ? complaint.draft.phone : nil
            role = complaint.draft.role
            status = complaint.state
            routedTo = complaint.routedTo
            routedWorker = complaint.routedWorker
            resolution = complaint.resolution
            satisfied = complaint.satisfied
            createdAt = complaint.createdAt
        }

        /// Only the maintenance unit (maintainers, workers) sees a reporter's phone.
        static func seesPhone(_ account: Account) -> Bool {
            account.role == .maintainer || account.role == .worker
        }
    }

    /// The complaint, if this maintainer or worker may handle it.
    func handled(_ id: String, by account: Account) async throws -> Complaint {
        guard account.role == .maintainer || account.role == .worker || account.role == .admin else {
            throw APIError.forbidden("only maintenance units and their workers handle complaints")
        }
        let publicID = id.uppercased()
        guard publicID.utf8.count <= 32, let complaint = try await complaints.complaint(publicID: publicID) else {
            throw APIError(.notFound, code: "unknown-complaint", message: "no complaint has id \(id)")
        }
        let allowed: Bool
        switch account.role {
        case .maintainer: allowed = complaint.routedTo != nil && complaint.routedTo == account.unit
        // A worker of the unit it is routed to (not one of the elevator's former unit).
        case .worker:
            allowed = complaint.routedWorker != nil && complaint.routedWorker == account.workerLogin && complaint.routedTo == account.unit
        default: allowed = true
        }
        guard allowed else { throw APIError.forbidden("complaint \(complaint.publicID) is not routed to you") }
        return complaint
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let complaint = try await handled(try context.parameters.require("id"), by: account)
        do {
            let updated = try await complaints.acknowledge(ticket: complaint.ticket, by: account.name ?? account.unit ?? "account \(account.id)", at: Date())
            return try .json(HandlerView(updated, for: account))
        } catch let error as ComplaintStoreError {
            throw APIError(error.status, code: "wrong-state", message: error.description)
        }
    }

    @Sendable func resolve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let complaint = try await handled(try context.parameters.require("id"), by: account)
        struct Input: Decodable { var resolution: String }
        let input = try ComplaintController.decodeJSON(Input.self, from: try await request.collectBody(limit: context.maxUploadSize))
        let resolution = NationalIDMask.masking(input.resolution.trimmingCharacters(in: .whitespacesAndNewlines))
        guard (1...1000).contains(resolution.count) else {
            throw APIError.badRequest("the resolution must be 1 to 1000 characters", field: "resolution")
        }
        do {
            let updated = try await complaints.resolve(
                ticket: complaint.ticket, resolution: resolution, by: account.name ?? account.unit ?? "account \(account.id)", at: Date())
            return try .json(HandlerView(updated, for: account))
        } catch let error as ComplaintStoreError {
            throw APIError(error.status, code: "wrong-state", message: error.description)
        }
    }

    /// `GET /api/v1/elevators`: a property manager's elevators with their status (regulators: their area).
    @Sendable func listElevators(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireRole(.property, .regulator, .maintainer, .admin)
        let query = request.uri.queryParameters
        let limit = min(max(Int(query.get("limit") ?? "") ?? 500, 1), 5000)
        let offset = max(Int(query.get("offset") ?? "") ?? 0, 0)
        var filter = ElevatorFilter(limit: limit, offset: offset)
        switch account.role {
        case .property: filter.userUnit = account.unit
        case .maintainer: filter.maintenanceUnit = account.unit
        case .regulator:
            filter.district = account.district
            filter.street = account.street
        default: break
        }
        let day = today()
        let elevators = try await registry.elevators(filter).map { facts -> PublicElevator in
            var view = PublicElevator(facts, today: day)
            if facts.elevator.isClassified {
                // Accounts in scope see a classified elevator's facts too.
                var open = facts
                open.elevator.isClassified = false
                view = PublicElevator(open, today: day)
                view.classified = true
            }
            return view
        }
        return try .json(elevators)
    }
}
