import Foundation

/// A calendar month ("2026-11"), counted in Shanghai time like every day of the platform.
public struct CivilMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses "2026-11" (or "2026/11").
    public init(parsing text: some StringProtocol) throws(CivilDateError) {
        let trimmed = text.trimmed
        let parts = trimmed.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" }
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { throw .notADate(trimmed) }
        guard let value = CivilMonth(year: year, month: month) else { throw .impossible(trimmed) }
        self = value
    }

    /// The month a day falls in.
    public init(_ day: CivilDate) {
        year = day.year
        month = day.month
    }

    public var firstDay: CivilDate { CivilDate(year: year, month: month, day: 1)! }
    public var next: CivilMonth { month == 12 ? CivilMonth(year: year + 1, month: 1)! : CivilMonth(year: year, month: month + 1)! }
    /// The month before (the first month of the range stays itself).
    public var previous: CivilMonth { (month == 1 ? CivilMonth(year: year - 1, month: 12) : CivilMonth(year: year, month: month - 1)) ?? self }
    public var lastDay: CivilDate { next.firstDay.adding(days: -1) }
    /// The instant the month starts in Shanghai.
    public var start: Date { ShanghaiTime.startOfDay(firstDay) }
    /// The instant the next month starts.
    public var end: Date { next.start }

    public var description: String { "\(year.zeroPadded(4))-\(month.zeroPadded(2))" }

    public static func < (lhs: CivilMonth, rhs: CivilMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
