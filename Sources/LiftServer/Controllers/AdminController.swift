import Foundation
import HTTPTypes
import Hummingbird
import LiftCore
import LiftImport

/// The operator's data over HTTP, for an admin account only (403 for any other role, 401 without
/// a token): units' phones, webhooks and secrets, and the insurance, units and workers files the
/// CLI imports.
///
///     GET  /api/v1/admin/units                     units with phone and webhook (never secrets)
///     POST /api/v1/admin/units                     {"name", "kind", "phone", "webhook", "webhookSecret", "newWebhookSecret", "create"}
///     POST /api/v1/admin/imports/insurance|units|workers    the file as the body (CSV or XLSX)
///
/// Webhooks set here must be public addresses: the escape hatch for internal ones
/// (`--allow-private-webhooks`) is the CLI's, on the server's own machine.
struct AdminController: Sendable {
    let units: any UnitStore
    /// Largest import file accepted.
    static let maxImportSize = 8 * 1024 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/units", use: listUnits)
        group.post("/units", use: setUnit)
        group.post("/imports/{kind}", use: importFile)
    }

    @Sendable func listUnits(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        var kind: Organization.Kind?
        if let text = request.uri.queryParameters.get("kind") {
            guard let given = Organization.Kind(rawValue: text), given != .insurer else {
                throw APIError.badRequest("kind must be maintenance or user", field: "kind")
            }
            kind = given
        }
        return try await .json(try units.unitListings(kind: kind))
    }

    /// The body of `POST /api/v1/admin/units`: absent fields are left as they are; an empty
    /// phone or webhook removes it.
    struct UnitRequest: Decodable {
        var name: String
        var kind: Organization.Kind?
        var phone: String?
        var webhook: String?
        var webhookSecret: String?
        var newWebhookSecret: Bool?
        var create: Bool?
    }

    /// A unit as the admin API answers, with a secret only in the answer that made it.
    struct UnitAnswer: Encodable {
        var name: String
        var kind: Organization.Kind
        var phone: String?
        var webhook: String?
        var created: Bool
        var webhookSecret: String?
    }

    @Sendable func setUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        let input = try ComplaintController.decodeJSON(UnitRequest.self, from: try await request.collectBody(limit: context.maxUploadSize))
        let update = try Self.update(from: input)
        let outcome: UnitUpdateOutcome
        do {
            outcome = try await units.updateUnit(update)
        } catch let error as UnitStoreError {
            throw error.apiError
        }
        var response = try Response.json(
            UnitAnswer(
                name: outcome.unit.name, kind: outcome.unit.kind, phone: outcome.unit.phone, webhook: outcome.unit.webhookURL,
                created: outcome.created, webhookSecret: outcome.generatedSecret?.value),
            status: outcome.created ? .created : .ok)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Checks a unit request field by field, 400 naming the field.
    static func update(from input: UnitRequest) throws -> UnitUpdate {
        let name = input.name.trimmed
        guard !name.isEmpty, name.unicodeScalars.count <= 200 else { throw APIError.badRequest("the name must be 1 to 200 characters", field: "name") }
        guard input.kind != .insurer else { throw APIError.badRequest("kind must be maintenance or user", field: "kind") }
        var update = UnitUpdate(name: name, kind: input.kind, createIfMissing: input.create ?? false)
        if update.createIfMissing, input.kind == nil { throw APIError.badRequest("creating a unit needs its kind", field: "kind") }
        if let phone = input.phone {
            do {
                update.phone = phone.trimmed.isEmpty ? .clear : .set(try ContactPhone.checked(phone))
            } catch {
                throw APIError.badRequest(error.description, field: "phone")
            }
        }
        if let webhook = input.webhook {
            do {
                update.webhook = webhook.trimmed.isEmpty ? .clear : .set(try WebhookEndpoint(validating: webhook))
            } catch {
                throw APIError.badRequest(error.description, field: "webhook")
            }
        }
        if let secret = input.webhookSecret {
            guard input.newWebhookSecret != true else {
                throw APIError.badRequest("give webhookSecret or newWebhookSecret, not both", field: "newWebhookSecret")
            }
            do {
                update.secret = .set(try WebhookSecret(validating: secret))
            } catch {
                throw APIError.badRequest(error.description, field: "webhookSecret")
            }
        } else if input.newWebhookSecret == true {
            update.secret = .generate
        }
        return update
    }

    /// What an import did, with the secrets it made (shown only in this answer).
    struct ImportAnswer: Encodable {
        struct Secret: Encodable {
            var unit: String
            var kind: Organization.Kind
            var webhookSecret: String
        }
        var kind: OperatorImportKind
        var rows: Int
        var inserted: Int
        var updated: Int
        var summary: String
        var generatedSecrets: [Secret]
    }

    /// `POST /api/v1/admin/imports/<kind>`: the file is the body, CSV (UTF-8) or XLSX (told apart
    /// by `?format=`, else by its first bytes). 200 with what changed; 400 naming the line of a bad
    /// row, and nothing is written.
    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        let kindText = try context.parameters.require("kind")
        guard let kind = OperatorImportKind(rawValue: kindText) else {
            throw APIError.notFound("no import of \(kindText): insurance, units or workers")
        }
        let body = try await request.collectBody(limit: Self.maxImportSize)
        guard body.readableBytes > 0 else { throw APIError.badRequest("the body is empty: send the CSV or XLSX file as the body") }
        let bytes = Data(body.readableBytesView)
        let isZip = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let format: String
        switch request.uri.queryParameters.get("format")?.lowercased() {
        case nil: format = isZip ? "xlsx" : "csv"
        case "csv": format = "csv"
        case "xlsx": format = "xlsx"
        case let other?: throw APIError.badRequest("format must be csv or xlsx, not \(other)", field: "format")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-import-\(UUID().uuidString).\(format)")
        guard FileManager.default.createFile(atPath: file.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw APIError(.internalServerError, code: "storage", message: "cannot keep the uploaded file for reading")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let result: OperatorImportResult
        do {
            result = try await OperatorImporter(store: units).run(kind, file: file)
        } catch let error as ImportError {
            // The temporary file's name means nothing to the sender.
            let message = error.description.replacingOccurrences(of: file.path, with: "the file")
            throw APIError(.badRequest, code: "bad-row", message: "\(message); nothing was imported")
        }
        var response = try Response.json(
            ImportAnswer(
                kind: kind, rows: result.rows, inserted: result.count.inserted, updated: result.count.updated, summary: result.summary,
                generatedSecrets: result.generatedSecrets.map { .init(unit: $0.unit.name, kind: $0.unit.kind, webhookSecret: $0.secret.value) }))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension UnitStoreError {
    /// The API's answer for this refusal.
    var apiError: APIError {
        switch self {
        case .unknownUnit: APIError(.notFound, code: "unknown-unit", message: description)
        case .unknownElevator: APIError(.notFound, code: "unknown-elevator", message: description)
        case .ambiguousUnit: APIError(.conflict, code: "ambiguous-unit", message: description, field: "kind")
        case .unknownMaintenanceUnit, .ambiguousRegistrationCode: APIError.badRequest(description)
        }
    }
}
