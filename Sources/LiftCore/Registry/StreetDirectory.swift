/// The street offices (街道办) of each district, from Labels/streets.csv (`district,street`): what a
/// registry import and `accounts add --street` check a street against.
public struct StreetDirectory: Sendable {
    /// Street names by district name.
    public let streets: [String: Set<String>]

    public init(_ streets: [String: Set<String>]) {
        self.streets = streets
    }

    /// Parses the CSV text of streets.csv; every district must be one of `districts`.
    public init(csv text: String, districts: DistrictDirectory) throws(DirectoryError) {
        var streets: [String: Set<String>] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = rawLine.trimmed
            if index == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.isEmpty || index == 0 && line.lowercased().hasPrefix("district") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed }
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw DirectoryError(line: index + 1, message: "expected a district and a street office, found \"\(line)\"", file: "streets.csv")
            }
            guard let district = districts.district(named: fields[0]) else {
                throw DirectoryError(line: index + 1, message: "\(fields[0]) is not a district of districts.csv", file: "streets.csv")
            }
            streets[district.name, default: []].insert(fields[1])
        }
        self.init(streets)
    }

    /// Whether the district has this street office.
    public func contains(_ street: String, in district: String) -> Bool {
        streets[district]?.contains(street) ?? false
    }
}
