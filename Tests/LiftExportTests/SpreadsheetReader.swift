import Foundation
import LiftTestSupport
import Testing

/// Reads a workbook with openpyxl, an independent spreadsheet library (`make test-deps`
/// installs it), and returns its report as JSON: sheet names, the header row of each sheet, and
/// for each data row the Python type of every cell, counted, with a few rows in full.
enum SpreadsheetReader {
    static let script = #"""
        import datetime, json, sys
        import openpyxl
        wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
        show = set(int(n) for n in sys.argv[2].split(",")) if len(sys.argv) > 2 else set()
        def plain(v):
            if isinstance(v, datetime.datetime): return v.isoformat()
            return v
        report = {"sheets": wb.sheetnames, "tables": []}
        for ws in wb.worksheets:
            header, types, shown, count = None, {}, {}, 0
            for index, row in enumerate(ws.iter_rows(values_only=True)):
                if index == 0:
                    header = list(row)
                    continue
                count += 1
                signature = ",".join(type(v).__name__ for v in row)
                types[signature] = types.get(signature, 0) + 1
                if index in show or index <= 3: shown[str(index)] = [plain(v) for v in row]
            report["tables"].append({"header": header, "rows": count, "types": types, "shown": shown})
        print(json.dumps(report, ensure_ascii=False))
        """#

    struct Table: Decodable {
        let header: [String?]
        let rows: Int
        /// Row type signatures ("int,str,datetime,…") and how many rows have each.
        let types: [String: Int]
        let shown: [String: [JSONValue]]
    }

    struct Report: Decodable {
        let sheets: [String]
        let tables: [Table]
    }

    /// Runs the script on `url`; `rows` lists data-row numbers (1 = first after the header) to return in full.
    static func read(_ url: URL, rows: [Int] = []) async throws -> Report {
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("read-xlsx-\(UUID().uuidString).py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let result = try await ChildProcess.run(
            "python3", [scriptURL.path, url.path] + (rows.isEmpty ? [] : [rows.map(String.init).joined(separator: ",")]))
        try #require(result.status == 0, "openpyxl could not read \(url.lastPathComponent) (make test-deps installs it): \(result.errors)")
        return try JSONDecoder().decode(Report.self, from: result.outputData)
    }
}

/// A JSON scalar as openpyxl's values come back: text, number or null.
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var description: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .null: "null"
        }
    }
}
