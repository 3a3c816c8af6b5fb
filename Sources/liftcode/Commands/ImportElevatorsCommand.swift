import ArgumentParser
import Foundation
import LiftCore
import LiftImport

/// `liftcode import elevators FILE`: upserts the registry by number, all or nothing.
struct ImportElevatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elevators",
        abstract: "Import elevators from a CSV or XLSX file (Chinese or English headers); a bad row changes nothing.",
        discussion: """
            Headers as the platform exports them (电梯编号, 96333识别码, 注册代码, 地址, 楼盘名称, 行政区划, 街道办, \
            单位内部编号, 下次检验日期, 使用单位, 维保单位, 制造单位, 停用, 涉秘) or in English (number, rescue code, \
            registration code, address, building, district, street, internal number, next inspection, user unit, \
            maintenance unit, manufacturer, stopped, classified). 电梯编号 and 地址 are required; a file of another kind \
            (a maintenance-record export) is refused.

            Elevators are matched by number. An update sets only the columns the file has: a column the file \
            lacks never blanks a field. Units are created from their names. A district must be one of the \
            district table (--districts) and agree with the number's first digit; with a street table \
            (--streets), a street office must be one of its district's.

            --dry-run reads the whole file and shows what would change (new, updated with the fields that \
            change, unchanged) without writing anything.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The registry file, .csv (UTF-8) or .xlsx.")
    var file: String

    @Flag(help: "Show what the import would change, and change nothing.")
    var dryRun = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else { throw CommandFailure("no such file: \(file)") }
        let url = URL(fileURLWithPath: file)
        let districts = try global.districtDirectory()
        let importer = ElevatorImporter(districts: districts, streets: try global.streetDirectory(districts: districts))
        let database = try await global.openStores()
        let progress = ProgressBar("\(dryRun ? "checking" : "importing") \(url.lastPathComponent)")
        let report: RegistryImportReport
        do {
            let fields = try importer.fields(in: url)
            report = try await database.importElevators(setting: fields, dryRun: dryRun) { upsert in
                try importer.read(url, progress: progress.update, each: upsert)
            }
        } catch let error as ImportError {
            throw CommandFailure("\(file): \(error.description); nothing was imported")
        }
        let total = report.inserted + report.updated + report.unchanged
        let summary = "\(report.inserted) new, \(report.updated) updated, \(report.unchanged) unchanged"
        if dryRun {
            progress.finish("dry run: \(counted(total, "elevator")) in \(file) (\(summary)); nothing was written")
        } else {
            progress.finish("imported \(counted(total, "elevator")) (\(summary)) into \(GlobalOptions.redacted(global.database))")
        }
        for field in ElevatorField.allCases {
            guard let count = report.changesByField[field] else { continue }
            print("  \(field.label) changes for \(counted(count, "elevator"))")
        }
        for update in report.updates.prefix(dryRun ? RegistryImportReport.updateDetailLimit : 20) {
            let changes = update.changes.map { "\($0.field.label): \($0.old ?? "(empty)") → \($0.new ?? "(empty)")" }
            print("  \(update.number): \(changes.joined(separator: "; "))")
        }
        let shown = dryRun ? report.updates.count : min(report.updates.count, 20)
        if report.updated > shown { print("  … and \(report.updated - shown) more updated elevators") }
        for (district, streets) in report.newStreets.sorted(by: { $0.key < $1.key }) {
            print("  new street offices of \(district) (check their spelling): \(streets.sorted().joined(separator: ", "))")
        }
    }
}
