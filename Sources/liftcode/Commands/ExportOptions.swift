import ArgumentParser
import Foundation
import LiftCore
import LiftExport

/// Options every export shares: the file, its format, the area and the language of its headers.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("xlsx or csv; by default from the extension of --out.", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("The file to write; - for standard output (then give --format).", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Only this district (name or digit); every district by default.", valueName: "name"))
    var district: String?

    @Option(help: ArgumentHelp("Only this street (街道办).", valueName: "name"))
    var street: String?

    @Option(help: ArgumentHelp("Header and status language: zh or en.", valueName: "lang"))
    var lang: String = "zh"

    /// The checked format.
    var exportFormat: ExportFormat {
        get throws {
            let name = (format ?? (out == "-" ? "" : URL(fileURLWithPath: out).pathExtension)).lowercased()
            guard let format = ExportFormat(rawValue: name) else {
                throw ValidationError(
                    out == "-" ? "--out - (standard output) needs --format xlsx or csv" : "--format must be xlsx or csv (or give --out a .xlsx or .csv name)")
            }
            return format
        }
    }

    var language: Language { Language(preferring: lang) }

    /// `--out -`: the export goes to standard output.
    var toStandardOutput: Bool { out == "-" }

    /// The file the exporter writes: for standard output, one in a private folder of this process,
    /// copied out when complete.
    var url: URL {
        toStandardOutput ? Self.stagingFolder.appendingPathComponent("export.\((try? exportFormat)?.rawValue ?? "out")") : URL(fileURLWithPath: out)
    }

    static let stagingFolder = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-export-\(UUID().uuidString)")

    func validate() throws {
        _ = try exportFormat
        guard ["zh", "en"].contains(lang) else { throw ValidationError("--lang must be zh or en") }
        if toStandardOutput { return }
        var isDirectory: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--out: no such folder \(folder)")
        }
    }

    /// The area, with the district checked against the district table.
    func scope(_ global: GlobalOptions) throws -> SupervisionScope {
        guard let district else { return SupervisionScope(district: nil, street: street) }
        guard let known = try global.districtDirectory().district(named: district) else {
            throw UsageFailure("--district: unknown district \(district); known: \(try global.districtDirectory().districts.map(\.name).joined(separator: ", "))")
        }
        return SupervisionScope(district: known.name, street: street)
    }

    /// Parses a day option.
    static func day(_ text: String?, option: String) throws -> CivilDate? {
        guard let text else { return nil }
        do {
            return try CivilDate(parsing: text)
        } catch {
            throw ValidationError("\(option): \(error.description)")
        }
    }

    /// Copies a finished file to standard output.
    static func copyToStandardOutput(_ file: URL) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try FileHandle.standardOutput.write(contentsOf: chunk)
        }
    }

    /// Runs an export with a progress bar over `total` rows (none when 0) and reports the result.
    func run(title: String, total: Int, _ work: (_ progress: @escaping (Int) -> Void) async throws -> Int) async throws {
        let progress = ProgressBar("exporting \(title)")
        if total > 0 { progress.update(0, total) }
        let rows: Int
        if toStandardOutput {
            try FileManager.default.createDirectory(at: Self.stagingFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        defer { if toStandardOutput { try? FileManager.default.removeItem(at: Self.stagingFolder) } }
        do {
            rows = try await work { done in if total > 0 { progress.update(done, total) } }
            if toStandardOutput { try Self.copyToStandardOutput(url) }
        } catch let error as ExportError {
            throw CommandFailure("\(out): \(error.description); nothing was written")
        }
        progress.finish("exported \(counted(rows, String(title.dropLast()), title)) to \(toStandardOutput ? "standard output" : out)")
    }
}
