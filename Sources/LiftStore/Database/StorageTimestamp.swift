import Foundation
import LiftCore

/// GRDB's storage text for a date ("yyyy-MM-dd HH:mm:ss.SSS", UTC), written by arithmetic: the
/// bulk load stores tens of millions of dates, and Foundation's date formatter, which GRDB uses,
/// costs more than the insert. Only whole seconds from 1970 to 9999 are written here, where the
/// text is certainly the formatter's; anything else is left to GRDB.
enum StorageTimestamp {
    /// The text, or nil when the date is not a whole second of 1970...9999.
    static func text(_ date: Date) -> String? {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < 253_402_300_800, interval == interval.rounded(.down) else { return nil }
        let seconds = Int(interval)
        let day = CivilDate(daysSinceEpoch: seconds / 86_400)
        let inDay = seconds % 86_400
        return "\(day.year)-\(two(day.month))-\(two(day.day)) \(two(inDay / 3600)):\(two(inDay % 3600 / 60)):\(two(inDay % 60)).000"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
