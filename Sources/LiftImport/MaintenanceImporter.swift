import Foundation
import LiftCore

/// Reads the platform's maintenance record export (CSV or XLSX, its Chinese headers or English
/// ones) into records for `MaintenanceStore.importMaintenance`, stopping at the first bad row with
/// its line and what is wrong.
///
/// The rules are applied again where a row allows: 超时上传 from 结束时间 and 上传时间 (so a row the
/// file flagged late but uploaded in time is not late, and the reverse); 超量上传 is kept as given,
/// and the store adds it for a worker's 9th and later elevators of a day among the rows present.
/// 状态 is kept as given (an empty one, as on the platform's abnormal list, is 通过). Nothing in an
/// export vouches for the scans, so imported records are `unverified`.
///
///     var report = MaintenanceImportReport()
///     let summary = try database.importMaintenance { add in
///         report = try MaintenanceImporter().read(url) { row in try add(row.record) }
///     }
public struct MaintenanceImporter: Sendable {
    public init() {}

    /// Longest worker login, worker name, unit name and remarks accepted.
    static let limits = (login: 32, name: 50, unit: 200, remarks: 1000)

    /// Reads every row of the file, handing each record to `each`. An error `each` throws stops
    /// the import and is reported with the row's line.
    /// - Parameter progress: called now and then with rows done and rows expected.
    @discardableResult
    public func read(
        _ url: URL, progress: ((_ done: Int, _ total: Int) -> Void)? = nil, each: (MaintenanceImportRow) throws -> Void
    ) throws -> MaintenanceImportReport {
        var table = try TableReader(url: url)
        let columns = try MaintenanceColumnMap(header: table.header)
        var report = MaintenanceImportReport()
        while let (line, fields) = try table.next() {
            let input = ImportRow(fields: fields, columns: columns, line: line, limit: 200)
            let row = try self.row(from: input)
            try input.handing(row, to: each)
            report.rows += 1
            let late = row.record.abnormal == .lateUpload
            if late, row.givenAbnormal != .lateUpload { report.lateNotGiven.append(line) }
            if !late, row.givenAbnormal == .lateUpload { report.lateGivenButOnTime.append(line) }
            if report.rows % 10_000 == 0 { progress?(report.rows, table.estimatedRowCount) }
        }
        progress?(report.rows, report.rows)
        return report
    }

    func row(from input: ImportRow<MaintenanceColumnMap>) throws -> MaintenanceImportRow {
        func time(_ column: MaintenanceColumn) throws -> Date {
            let value = try input.required(column, limit: 40)
            guard let date = Self.parseTime(value) else {
                throw input.fail("\(column.label) is \"\(value)\": expected a Shanghai time such as 2017-10-13 13:53")
            }
            return date
        }

        let numberText = try input.required(.number)
        let number: NNumber
        do {
            number = try NNumber(parsing: numberText)
        } catch {
            throw input.fail("电梯编号 (number): \(error)")
        }
        let typeText = try input.required(.type)
        guard let type = MaintenanceType(codeOrName: typeText) else {
            throw input.fail("类型 (type) is \"\(typeText)\": expected 半月保, 季度保, 半年保 or 年度保")
        }
        let start = try time(.start)
        let end = try time(.end)
        let uploaded = try time(.uploaded)
        do {
            try MaintenanceRules.checkScans(start: start, end: end)
        } catch {
            throw input.fail("结束时间 (end): \(error.description)")
        }
        guard uploaded >= end else { throw input.fail("上传时间 (uploaded) is before 结束时间 (end)") }
        if let durationText = try input.text(.duration, limit: 10) {
            guard let minutes = Int(durationText) else { throw input.fail("时长(分钟) is \"\(durationText)\": expected whole minutes") }
            let measured = Int(end.timeIntervalSince(start) / 60)
            guard abs(minutes - measured) <= 1 else {
                throw input.fail("时长(分钟) says \(minutes) minutes but 开始时间 to 结束时间 is \(measured)")
            }
        }
        let login = try input.required(.login, limit: Self.limits.login)
        guard !Self.looksLikeNationalID(login) else {
            throw input.fail(
                "登陆账号 (login) looks like a national ID number (not shown); liftcode never stores or shows ID numbers: "
                    + "replace it with the worker's platform login (W0001…) and import again")
        }
        let workerName = try input.required(.workerName, limit: Self.limits.name)
        let unit = try input.required(.maintenanceUnit, limit: Self.limits.unit)
        var status = ReviewStatus.passed
        if let statusText = try input.text(.status) {
            guard let given = ReviewStatus(codeOrName: statusText) else {
                throw input.fail("状态 (status) is \"\(statusText)\": expected 通过, 审核中, 补数据 or 无效")
            }
            status = given
        }
        var givenAbnormal: AbnormalType?
        if let abnormalText = try input.text(.abnormal) {
            guard let given = AbnormalType(codeOrName: abnormalText) else {
                throw input.fail("异常类型 (abnormal) is \"\(abnormalText)\": expected 超时上传, 超量上传 or nothing")
            }
            givenAbnormal = given
        }
        // Late upload is recomputed from the times; over quota cannot be disproved from part of a
        // day, so it stays as given (the store adds it where the rows present show it).
        let abnormal: AbnormalType? =
            MaintenanceRules.isLate(end: end, uploadedAt: uploaded) ? .lateUpload : givenAbnormal == .overQuota ? .overQuota : nil
        let record = MaintenanceRecord(
            clientID: "import:\(number):\(Int(start.timeIntervalSince1970))", number: number, type: type, startedAt: start,
            endedAt: end, uploadedAt: uploaded, workerLogin: login, workerName: workerName, maintenanceUnit: unit, status: status,
            abnormal: abnormal, verification: .unverified, remarks: try input.text(.remarks, limit: Self.limits.remarks).map(NationalIDMask.masking))
        return MaintenanceImportRow(line: input.line, record: record, givenAbnormal: givenAbnormal)
    }

    /// A Shanghai wall-clock time ("2017-10-13 13:53", "2017/10/13 13:53:20"), an ISO 8601 time
    /// with a zone, or an Excel day serial (a time cell of a workbook: days since 1899-12-30,
    /// in Shanghai wall-clock time). A date without a time of day is refused.
    static func parseTime(_ text: String) -> Date? {
        if let local = ShanghaiTime.parseLocal(text) { return local }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        if let serial = Double(text), serial >= 1, serial < 2_958_466, serial != serial.rounded(.down) {
            let days = Int(serial.rounded(.down))
            let seconds = ((serial - Double(days)) * 86_400).rounded()
            return ShanghaiTime.startOfDay(CivilDate(daysSinceEpoch: days - 25_569)).addingTimeInterval(seconds)
        }
        return nil
    }

    /// Whether a login looks like a national ID number: 18 characters, 17 digits and a digit or X
    /// (GB 11643), or the older 15 digits.
    public static func looksLikeNationalID(_ text: String) -> Bool {
        let scalars = Array(text.trimmed.unicodeScalars)
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
        switch scalars.count {
        case 18: return scalars.dropLast().allSatisfy(isDigit) && (isDigit(scalars[17]) || scalars[17] == "X" || scalars[17] == "x")
        case 15: return scalars.allSatisfy(isDigit)
        default: return false
        }
    }
}

/// One row of a maintenance export as the importer read it.
public struct MaintenanceImportRow: Sendable {
    /// The row's line in the file.
    public let line: Int
    /// The record to store: status as given, abnormal type recomputed where the row allows.
    public let record: MaintenanceRecord
    /// The abnormal type the file gave (异常类型).
    public let givenAbnormal: AbnormalType?
}

/// What an import read, and where its verdicts differ from the file's.
public struct MaintenanceImportReport: Sendable, Hashable {
    /// Data rows read.
    public var rows = 0
    /// Lines uploaded more than 8 hours after their end scan that the file did not flag 超时上传.
    public var lateNotGiven: [Int] = []
    /// Lines the file flagged 超时上传 that were uploaded within 8 hours.
    public var lateGivenButOnTime: [Int] = []

    public init() {}
}
