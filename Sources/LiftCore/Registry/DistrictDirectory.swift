/// The city's districts by digit, read from Labels/districts.csv (`prefix,district,note`).
///
/// Operators can edit the file: digits 4-9 are assumptions in the sample data.
public struct DistrictDirectory: Sendable {
    public let districts: [District]

    public init(_ districts: [District]) {
        self.districts = districts.sorted { $0.digit < $1.digit }
    }

    /// Parses the CSV text of districts.csv.
    public init(csv text: String) throws(DirectoryError) {
        var districts: [District] = []
        var seen = Set<Int>()
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmed
            if line.isEmpty || index == 0 && line.lowercased().hasPrefix("prefix") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed }
            guard fields.count >= 2, let digit = Int(fields[0]), (0...9).contains(digit), !fields[1].isEmpty else {
                throw DirectoryError(line: index + 1, message: "expected a digit 0-9 and a district name, found \"\(line)\"")
            }
            guard seen.insert(digit).inserted else {
                throw DirectoryError(line: index + 1, message: "district digit \(digit) appears twice")
            }
            districts.append(District(digit: digit, name: fields[1]))
        }
        self.init(districts)
    }

    /// The district with this digit.
    public func district(digit: Int) -> District? {
        districts.first { $0.digit == digit }
    }

    /// The district of a number.
    public func district(of number: NNumber) -> District? {
        district(digit: number.districtDigit)
    }

    /// Finds a district by its name ("崇川区") or its digit ("0").
    public func district(named nameOrDigit: String) -> District? {
        let key = nameOrDigit.trimmed
        if let digit = Int(key) { return district(digit: digit) }
        // Byte comparison: names come from UTF-8 files, and String's Unicode-aware == costs a
        // registry import of a million rows several seconds.
        return districts.first { $0.name.utf8.elementsEqual(key.utf8) }
    }
}

/// A line of districts.csv or streets.csv that cannot be read.
public struct DirectoryError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String
    /// The table's file name.
    public let file: String

    public init(line: Int, message: String, file: String = "districts.csv") {
        self.line = line
        self.message = message
        self.file = file
    }

    public var description: String { "\(file) line \(line): \(message)" }
}
