import Foundation

/// The platform's clock zone, Asia/Shanghai: days and the daily upload quota are counted in it.
///
/// China has kept UTC+8 without daylight saving since 1991, so a fixed offset gives the same
/// answers as the tz database for every date the platform handles, without a tzdata lookup.
public enum ShanghaiTime {
    /// Seconds east of UTC.
    public static let offset = 8 * 3600

    /// The calendar day in Shanghai at an instant.
    public static func day(of date: Date) -> CivilDate {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        return CivilDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// The instant a Shanghai day starts (00:00 local).
    public static func startOfDay(_ day: CivilDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 - offset))
    }

    /// Parses a Shanghai wall-clock time "2017-10-13 13:53" (or with seconds, or with "T").
    public static func parseLocal(_ text: some StringProtocol) -> Date? {
        let trimmed = text.trimmed.replacingOccurrences(of: "T", with: " ")
        let halves = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard halves.count == 2, let day = try? CivilDate(parsing: halves[0]) else { return nil }
        let clock = halves[1].split(separator: ":")
        guard clock.count == 2 || clock.count == 3,
            let hour = Int(clock[0]), let minute = Int(clock[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        let second = clock.count == 3 ? Int(clock[2]) ?? -1 : 0
        guard (0...59).contains(second) else { return nil }
        return startOfDay(day).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60 + second))
    }

    /// "2017-10-13 13:53" in Shanghai time.
    public static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let dayIndex = Int((Double(seconds) / 86_400).rounded(.down))
        let inDay = seconds - dayIndex * 86_400
        return "\(CivilDate(daysSinceEpoch: dayIndex)) " + "\((inDay / 3600).zeroPadded(2)):\(((inDay % 3600) / 60).zeroPadded(2))"
    }
}
