import Foundation
import LiftCore

/// Reads a units file (CSV or XLSX: 单位名称, 单位类型 维保单位 or 使用单位, 联系电话, 推送地址, 推送密钥, or
/// English name, kind, phone, webhook, webhook secret) into unit changes, stopping at the first
/// bad row with its line and what is wrong.
///
/// A column the file has sets its field on every row (an empty cell clears it); a column it lacks
/// leaves the field as it was. Webhook addresses follow `WebhookEndpoint`'s rule. A unit given a
/// webhook without a secret gets a generated one, reported once in `UnitImportReport`.
public struct UnitImporter: Sendable {
    /// Accept loopback, link-local and private webhook addresses (the operator's choice).
    public let allowPrivateWebhooks: Bool

    public init(allowPrivateWebhooks: Bool = false) {
        self.allowPrivateWebhooks = allowPrivateWebhooks
    }

    /// Reads every row, handing each change to `each`; an error it throws is reported with the row's line.
    public func read(_ url: URL, each: (UnitUpdate) throws -> UnitUpdateOutcome) throws -> UnitImportReport {
        var table = try TableReader(url: url)
        let columns = try ImportColumnMap<UnitColumn>(header: table.header)
        var seen: [String: Int] = [:]
        var report = UnitImportReport()
        while let (line, fields) = try table.next() {
            let input = ImportRow(fields: fields, columns: columns, line: line, limit: 200)
            let update = try self.update(from: input)
            let key = "\(update.kind?.rawValue ?? "")/\(update.name)"
            if let first = seen[key] { throw ImportError(line: line, message: "\(update.name) is already on line \(first)") }
            seen[key] = line
            let outcome = try input.handing(update, to: each)
            report.rows += 1
            if let secret = outcome.generatedSecret { report.generatedSecrets.append(GeneratedSecret(unit: outcome.unit, secret: secret)) }
        }
        return report
    }

    func update(from input: ImportRow<ImportColumnMap<UnitColumn>>) throws -> UnitUpdate {
        guard let name = input.value(.name) else { throw input.fail("单位名称 (name) is empty") }
        guard name.unicodeScalars.count <= 200 else { throw input.fail("单位名称 (name) is longer than 200 characters") }
        guard let kindText = input.value(.kind) else { throw input.fail("单位类型 (kind) of \(name) is empty") }
        guard let kind = Self.kind(kindText) else {
            throw input.fail("单位类型 (kind) is \"\(kindText)\": expected 维保单位 (maintenance) or 使用单位 (user)")
        }
        var update = UnitUpdate(name: name, kind: kind, createIfMissing: true)
        if input.columns.has(.phone) {
            if let phone = input.value(.phone) {
                do {
                    update.phone = .set(try ContactPhone.checked(phone))
                } catch {
                    throw input.fail("联系电话 (phone): \(error.description)")
                }
            } else {
                update.phone = .clear
            }
        }
        if input.columns.has(.webhook) {
            if let webhook = input.value(.webhook) {
                do {
                    update.webhook = .set(try WebhookEndpoint(validating: webhook, allowPrivateAddresses: allowPrivateWebhooks))
                } catch {
                    throw input.fail("推送地址 (webhook): \(error.description)")
                }
            } else {
                update.webhook = .clear
            }
        }
        if let secret = input.value(.secret) {
            do {
                update.secret = .set(try WebhookSecret(validating: secret))
            } catch {
                throw input.fail("推送密钥 (webhook secret): \(error.description)")
            }
        }
        return update
    }

    /// 维保单位 or 使用单位, in the words files use.
    static func kind(_ text: String) -> Organization.Kind? {
        switch text.lowercased() {
        case "维保单位", "维保", "维护保养单位", "maintenance", "maintainer": .maintenance
        case "使用单位", "使用", "物业", "物业公司", "user", "property": .user
        default: nil
        }
    }
}

/// What a units import read, with the secrets it made.
public struct UnitImportReport: Sendable {
    public var rows = 0
    /// Secrets made for units given a webhook without one: shown this once, to hand to each unit.
    public var generatedSecrets: [GeneratedSecret] = []

    public init() {}
}

/// A webhook secret made for a unit.
public struct GeneratedSecret: Sendable, Hashable {
    public var unit: Organization
    public var secret: WebhookSecret
}
