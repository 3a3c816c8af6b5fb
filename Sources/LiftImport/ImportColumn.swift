/// The columns of one kind of import file, matched by their Chinese headers or English ones.
protocol ImportColumn: CaseIterable, Hashable {
    /// Header names that mean this column, normalised (`normalize`): the Chinese one first.
    var names: [String] { get }
    /// The header and its English meaning, for messages: "保单号 (policy number)".
    var label: String { get }
    /// The columns a row cannot do without; a tuple of alternatives where either will do.
    static var required: [[Self]] { get }
}

extension ImportColumn {
    /// "保险起期(日期)" → "保险起期日期", "Policy No." → "policyno".
    static func normalize(_ header: String) -> String {
        String(header.lowercased().filter { !" _-.()（）:：".contains($0) })
    }
}

/// Where each known column stands in a file's header row.
struct ImportColumnMap<Column: ImportColumn> {
    private var positions: [Column: Int] = [:]
    /// The header row as read, for messages.
    let header: [String]

    init(header: [String]) throws {
        self.header = header
        for (position, name) in header.enumerated() {
            let key = Column.normalize(name)
            guard let column = Column.allCases.first(where: { $0.names.contains(key) }) else { continue }
            guard positions[column] == nil else {
                throw ImportError(line: 1, message: "the column \(column.label) appears twice in the header")
            }
            positions[column] = position
        }
        for alternatives in Column.required where !alternatives.contains(where: { positions[$0] != nil }) {
            throw ImportError(
                line: 1,
                message: "the header has no \(alternatives.map(\.label).joined(separator: " or ")) column; found: \(header.joined(separator: ", "))")
        }
    }

    /// Whether the file has the column at all.
    func has(_ column: Column) -> Bool { positions[column] != nil }

    /// The field of a column in a row, nil when the column is absent or the field empty.
    func value(_ column: Column, in fields: [String]) -> String? {
        guard let position = positions[column], position < fields.count, !fields[position].isEmpty else { return nil }
        return fields[position]
    }
}

/// Refuses national ID numbers wherever they appear in a file: liftcode never stores or shows one.
enum NationalIDGuard {
    /// Header names of columns that hold ID numbers (normalised).
    static let headers: Set<String> = ["身份证号", "身份证号码", "身份证", "证件号", "证件号码", "公民身份号码", "idnumber", "idcard", "idcardnumber", "nationalid", "nationalidnumber", "identitycard"]

    /// Throws for a header row with an ID-number column.
    static func check(header: [String]) throws {
        for name in header where headers.contains(String(name.lowercased().filter { !" _-.()（）:：".contains($0) })) {
            throw ImportError(
                line: 1,
                message: "the file has a \(name) column: liftcode never stores national ID numbers; delete that column and import again")
        }
    }

    /// Throws for a row with a field that looks like an ID number, naming its column, never the number.
    static func check(fields: [String], header: [String], line: Int) throws {
        for (index, field) in fields.enumerated() where MaintenanceImporter.looksLikeNationalID(field) {
            let column = index < header.count && !header[index].isEmpty ? header[index] : "column \(index + 1)"
            throw ImportError(
                line: line,
                message: "\(column) holds what looks like a national ID number (not shown); liftcode never stores ID numbers: "
                    + "remove it (a worker's login is the platform login, W0001…) and import again")
        }
    }
}
