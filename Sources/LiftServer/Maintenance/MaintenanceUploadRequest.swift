import Foundation
import Hummingbird
import LiftCore

/// The JSON body of `POST /api/v1/maintenance-records`: one visit's two scans and what was done.
///
///     {"id": "phone-7f3a", "type": "half-month",
///      "start": {"code": "HTTPS://LC.EXAMPLE.CN/E/N006109-1-K1-…", "at": "2026-11-25T09:00:00+08:00"},
///      "end": {"number": "N006109", "at": "2026-11-25T09:40:00+08:00"},
///      "items": ["轿厢照明", "层门"], "remarks": "…"}
///
/// A scan is a scanned code (`code`) or, when the label would not scan, the typed number (`number`).
struct MaintenanceUploadRequest: Decodable, Sendable {
    var id: String
    var type: String
    var start: Scan
    var end: Scan
    var items: [String]?
    var remarks: String?

    /// One scan of the elevator's label.
    struct Scan: Decodable, Sendable {
        var code: String?
        var number: String?
        var at: String
    }

    /// Longest client id, item, item list and remarks accepted.
    static let maximumIDLength = 64
    static let maximumItemLength = 200
    static let maximumItems = 100
    static let maximumRemarksLength = 1000

    /// A checked upload: the type, both scans' texts and times, and the trimmed items and remarks.
    struct Checked: Sendable {
        var clientID: String
        var type: MaintenanceType
        var start: CheckedScan
        var end: CheckedScan
        var items: [String]
        var remarks: String?
    }

    /// A scan's text (as scanned or typed), whether it was typed, and its time.
    struct CheckedScan: Sendable {
        var text: String
        var isTyped: Bool
        var at: Date
    }

    /// Decodes the body, answering 400 with the dotted path of the field that is wrong ("start.at").
    static func decode(from body: ByteBuffer) throws -> MaintenanceUploadRequest {
        do {
            return try JSONDecoder().decode(Self.self, from: Data(body.readableBytesView))
        } catch let DecodingError.keyNotFound(key, context) {
            let field = path(context.codingPath + [key])
            throw APIError.badRequest("\"\(field)\" is required", field: field)
        } catch let DecodingError.typeMismatch(_, context) {
            let field = path(context.codingPath)
            throw APIError.badRequest("\"\(field)\" has the wrong type", field: field)
        } catch let DecodingError.valueNotFound(_, context) {
            let field = path(context.codingPath)
            throw APIError.badRequest("\"\(field)\" must not be null", field: field)
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "\($0)" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// Checks every field's form and the 30-minute rule; answers 400 naming the field.
    /// - Parameter now: the upload's time; scans may not be later than it (a phone's clock may run
    ///   up to five minutes fast).
    func checked(now: Date, maximumDuration: TimeInterval = MaintenanceRules.defaultMaximumDuration) throws -> Checked {
        let clientID = id.trimmed
        guard (1...Self.maximumIDLength).contains(clientID.utf8.count),
            clientID.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 })
        else {
            throw APIError.badRequest("\"id\" must be 1 to \(Self.maximumIDLength) printable ASCII characters, unique per upload", field: "id")
        }
        guard let type = MaintenanceType(rawValue: type.trimmed) else {
            throw APIError.badRequest(
                "\"type\" must be one of \(MaintenanceType.allCases.map(\.rawValue).joined(separator: ", "))", field: "type")
        }
        let start = try Self.check(start, field: "start", now: now)
        let end = try Self.check(end, field: "end", now: now)
        do {
            try MaintenanceRules.checkScans(start: start.at, end: end.at, maximumDuration: maximumDuration)
        } catch {
            throw APIError.badRequest(error.description, field: "end.at")
        }
        let items = (items ?? []).map { NationalIDMask.masking($0.trimmed) }.filter { !$0.isEmpty }
        guard items.count <= Self.maximumItems else {
            throw APIError.badRequest("\"items\" may hold at most \(Self.maximumItems) entries", field: "items")
        }
        if let long = items.firstIndex(where: { $0.count > Self.maximumItemLength }) {
            throw APIError.badRequest("each item may be at most \(Self.maximumItemLength) characters", field: "items.\(long)")
        }
        if let bad = items.firstIndex(where: { $0.containsControlCharacters || $0.containsBidirectionalControls }) {
            throw APIError.badRequest("an item contains control characters", field: "items.\(bad)")
        }
        let remarks = remarks.map { NationalIDMask.masking($0.trimmed) }
        if let remarks, remarks.containsControlCharacters || remarks.containsBidirectionalControls {
            throw APIError.badRequest("\"remarks\" contains control characters", field: "remarks")
        }
        if let remarks, remarks.count > Self.maximumRemarksLength {
            throw APIError.badRequest("\"remarks\" may be at most \(Self.maximumRemarksLength) characters", field: "remarks")
        }
        return Checked(
            clientID: clientID, type: type, start: start, end: end, items: items,
            remarks: remarks?.isEmpty == false ? remarks : nil)
    }

    static func check(_ scan: Scan, field: String, now: Date) throws -> CheckedScan {
        let text: String
        let isTyped: Bool
        switch (scan.code?.trimmed, scan.number?.trimmed) {
        case (let code?, nil) where !code.isEmpty && code.utf8.count <= 512:
            text = code
            isTyped = false
        case (nil, let number?) where !number.isEmpty && number.utf8.count <= 16:
            text = number
            isTyped = true
        default:
            throw APIError.badRequest(
                "\"\(field)\" needs exactly one of \"code\" (the scanned label) or \"number\" (typed, N006109)", field: field)
        }
        guard let at = parseTime(scan.at) else {
            throw APIError.badRequest(
                "\"\(field).at\" is not an ISO 8601 time with a zone, e.g. 2026-11-25T09:00:00+08:00", field: "\(field).at")
        }
        guard !MaintenanceRules.isInFuture(at, now: now) else {
            throw APIError.badRequest("\"\(field).at\" is later than now (a scan cannot come from the future)", field: "\(field).at")
        }
        return CheckedScan(text: text, isTyped: isTyped, at: at)
    }

    /// ISO 8601 with a zone, with or without fractional seconds.
    static func parseTime(_ text: String) -> Date? {
        let trimmed = text.trimmed
        guard trimmed.utf8.count <= 40 else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: trimmed)
    }
}
