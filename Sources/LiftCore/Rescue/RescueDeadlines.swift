import Foundation

/// How long a maintenance unit has to accept a rescue order and to reach the elevator, counted
/// from the report. Chinese rules: arrival within 30 minutes in a city, an hour elsewhere.
public struct RescueDeadlines: Sendable, Hashable, Codable {
    public var acceptanceMinutes: Int
    public var arrivalMinutes: Int

    /// 5 minutes to accept, 30 to arrive.
    public static let standard = RescueDeadlines(acceptanceMinutes: 5, arrivalMinutes: 30)

    public init(acceptanceMinutes: Int, arrivalMinutes: Int) {
        self.acceptanceMinutes = acceptanceMinutes
        self.arrivalMinutes = arrivalMinutes
    }

    /// The last instant acceptance is on time for a report at `reportedAt`.
    public func acceptBy(_ reportedAt: Date) -> Date { reportedAt.addingTimeInterval(TimeInterval(acceptanceMinutes * 60)) }
    /// The last instant arrival is on time for a report at `reportedAt`.
    public func arriveBy(_ reportedAt: Date) -> Date { reportedAt.addingTimeInterval(TimeInterval(arrivalMinutes * 60)) }
}

/// The deadlines of each district, read from a settings file (`Labels/rescue-deadlines.csv`):
///
/// ```
/// district,arrivalMinutes,acceptanceMinutes
/// *,30,5
/// 如东县,60,5
/// ```
///
/// `*` sets the default for districts not listed (30 and 5 when absent). Arrival is 1 to 240
/// minutes, acceptance 1 minute to the arrival time.
public struct RescuePolicy: Sendable, Hashable {
    public var standard: RescueDeadlines
    public var byDistrict: [String: RescueDeadlines]

    public init(standard: RescueDeadlines = .standard, byDistrict: [String: RescueDeadlines] = [:]) {
        self.standard = standard
        self.byDistrict = byDistrict
    }

    /// The deadlines of a district.
    public func deadlines(for district: String) -> RescueDeadlines { byDistrict[district] ?? standard }

    /// Parses the settings file's text.
    public init(csv text: String) throws(DirectoryError) {
        self.init()
        var seen = Set<String>()
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
            if line.isEmpty || line.hasPrefix("#") || index == 0 && line.lowercased().hasPrefix("district") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed }
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw DirectoryError(line: index + 1, message: "expected district,arrivalMinutes[,acceptanceMinutes], found \"\(line)\"")
            }
            guard let arrival = Int(fields[1]), (1...240).contains(arrival) else {
                throw DirectoryError(line: index + 1, message: "arrival minutes must be a whole number from 1 to 240, not \"\(fields[1])\"")
            }
            var acceptance = RescueDeadlines.standard.acceptanceMinutes
            if fields.count >= 3, !fields[2].isEmpty {
                guard let value = Int(fields[2]), (1...arrival).contains(value) else {
                    throw DirectoryError(line: index + 1, message: "acceptance minutes must be a whole number from 1 to \(arrival), not \"\(fields[2])\"")
                }
                acceptance = value
            }
            acceptance = min(acceptance, arrival)
            guard seen.insert(fields[0]).inserted else {
                throw DirectoryError(line: index + 1, message: "\(fields[0]) appears twice")
            }
            let deadlines = RescueDeadlines(acceptanceMinutes: acceptance, arrivalMinutes: arrival)
            if fields[0] == "*" { standard = deadlines } else { byDistrict[fields[0]] = deadlines }
        }
    }
}
