import Foundation
import LiftCore

/// One cell of an export, typed so that a workbook stores dates as dates and numbers as numbers
/// (a regulator sorts and sums them in Excel) while CSV writes them as text Excel recognises.
public enum ExportValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// A fraction shown as a percentage (0.125 is 12.50%).
    case percent(Double)
    /// A calendar day.
    case day(CivilDate)
    /// An instant, shown as Shanghai wall-clock time to the minute.
    case time(Date)
    case empty

    /// Text, or empty when nil.
    public static func text(_ value: String?) -> ExportValue { value.map { .text($0) } ?? .empty }
    /// A day, or empty when nil.
    public static func day(_ value: CivilDate?) -> ExportValue { value.map { .day($0) } ?? .empty }
    /// An instant, or empty when nil.
    public static func time(_ value: Date?) -> ExportValue { value.map { .time($0) } ?? .empty }
    /// An integer, or empty when nil.
    public static func integer(_ value: Int?) -> ExportValue { value.map { .integer($0) } ?? .empty }

    /// Days between Excel's epoch (1899-12-30, which absorbs the 1900 leap-year bug) and 1970-01-01.
    static let excelEpochOffset = 25_569

    /// The Excel serial number of a day or an instant (Shanghai wall clock), or nil for other values.
    var excelSerial: Double? {
        switch self {
        case .day(let day):
            return Double(day.daysSinceEpoch + Self.excelEpochOffset)
        case .time(let date):
            let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + ShanghaiTime.offset
            let days = Int((Double(seconds) / 86_400).rounded(.down))
            return Double(days + Self.excelEpochOffset) + Double(seconds - days * 86_400) / 86_400
        default:
            return nil
        }
    }
}
