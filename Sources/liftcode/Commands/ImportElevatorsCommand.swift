import ArgumentParser
import Foundation
import LiftImport

/// `liftcode import elevators FILE`: upserts the registry by number, all or nothing.
struct ImportElevatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elevators",
        abstract: "Import elevators from a CSV or XLSX file (Chinese or English headers); a bad row changes nothing.",
        discussion: """
            Headers as the platform exports them (电梯编号, 96333识别码, 注册代码, 地址, 楼盘名称, 行政区划, 街道办,
            单位内部编号, 下次检验日期, 使用单位, 维保单位, 制造单位) or in English (number, rescue code, registration code,
            address, building, district, street, internal number, next inspection, user unit, maintenance unit,
            manufacturer). Elevators are matched by number; units are created from their names.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The registry file, .csv (UTF-8) or .xlsx.")
    var file: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    }

    func run() throws {
        let database = try global.openDatabase()
        let importer = ElevatorImporter(districts: try global.districtDirectory())
        let progress = ProgressBar("importing \(URL(fileURLWithPath: file).lastPathComponent)")
        do {
            let count = try database.upsertElevators { upsert in
                try importer.read(URL(fileURLWithPath: file), progress: progress.update, each: upsert)
            }
            progress.finish("imported \(count.inserted + count.updated) elevators (\(count.inserted) new, \(count.updated) updated) into \(global.database)")
        } catch let error as ImportError {
            throw CommandFailure("\(file): \(error.description); nothing was imported")
        }
    }
}
