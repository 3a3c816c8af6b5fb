import Foundation

/// Writes a small table as a UTF-8 CSV file (header row first), quoting fields that need it: the
/// demo's insurance, units and workers files, which it then loads through the importers.
public enum TableCSVWriter {
    public static func write(header: [String], rows: [[String]], to url: URL) throws {
        let lines = ([header] + rows).map { $0.map(RegistryCSVWriter.quote).joined(separator: ",") }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
    }
}
