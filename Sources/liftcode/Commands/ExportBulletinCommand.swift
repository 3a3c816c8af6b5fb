import ArgumentParser
import Foundation
import LiftCore
import LiftExport
import LiftStore

/// `liftcode export bulletin --district 崇川区 --month 2026-11 --format xlsx`: the monthly bulletin.
struct ExportBulletinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Export a district's monthly bulletin (定期通报): rescues, arrival times, repeat traps, coverage, scan, overdue and abnormal rates, complaints, and the units' ranking with its formula.",
        discussion: """
            Example:
              liftcode export bulletin --district 崇川区 --month 2026-11 --format xlsx
            writes bulletin-崇川区-2026-11.xlsx (or --out FILE).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The district (name or digit).", valueName: "name"))
    var district: String

    @Option(help: ArgumentHelp("The month, 2026-11.", valueName: "month"))
    var month: String

    @Option(help: ArgumentHelp("xlsx or csv; by default from the extension of --out, else xlsx.", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("The file to write; bulletin-DISTRICT-MONTH.FORMAT by default.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Header language: zh or en.", valueName: "lang"))
    var lang: String = "zh"

    var exportFormat: ExportFormat {
        get throws {
            let name = (format ?? out.map { URL(fileURLWithPath: $0).pathExtension } ?? "xlsx").lowercased()
            guard let format = ExportFormat(rawValue: name) else {
                throw ValidationError("--format must be xlsx or csv (or give --out a .xlsx or .csv name)")
            }
            return format
        }
    }

    func validate() throws {
        _ = try exportFormat
        guard ["zh", "en"].contains(lang) else { throw ValidationError("--lang must be zh or en") }
        do {
            _ = try CivilMonth(parsing: month)
        } catch {
            throw ValidationError("--month \(month) is not a month: expected 2026-11")
        }
        if let out {
            var isDirectory: ObjCBool = false
            let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--out: no such folder \(folder)")
            }
        }
    }

    func run() async throws {
        guard let known = try global.districtDirectory().district(named: district) else {
            throw ValidationError("--district: unknown district \(district)")
        }
        let month = try CivilMonth(parsing: month)
        let format = try exportFormat
        let language = Language(preferring: lang)
        let database = try await global.openStores()
        let bulletin = MonthlyBulletin(try await database.bulletinFacts(district: known.name, month: month, asOf: Date()), language: language)
        let path = out ?? "bulletin-\(known.name)-\(month).\(format.fileExtension)"
        try BulletinExport.write(bulletin, format: format, to: URL(fileURLWithPath: path), language: language)
        let f = bulletin.figures
        print("""
            \(known.name) \(month): \(f.rescues) rescues, \(f.lateRescues) late, \(f.unverifiedArrivals) unverified arrivals, \
            average arrival \(f.averageArrivalMinutes.map { String(format: "%.1f", $0) } ?? "-") min; \
            \(bulletin.repeatTraps.count) elevators trapped twice or more; \(bulletin.units.count) units ranked
            wrote \(path)
            """)
    }
}
