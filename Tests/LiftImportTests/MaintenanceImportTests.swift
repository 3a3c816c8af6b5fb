import Foundation
import LiftTestSupport
import LiftCore
import LiftStore
import Testing
import ZIPFoundation

@testable import LiftImport

@Suite struct MaintenanceImportTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")
    static let sample = samples.appendingPathComponent("maintenance-records.csv")

    let districts = DistrictDirectory([
        District(digit: 0, name: "崇川区"), District(digit: 1, name: "港闸区"),
        District(digit: 2, name: "南通开发区"), District(digit: 3, name: "通州区"),
    ])

    static let header = "电梯编号,地址,楼盘名称,类型,开始时间,结束时间,时长(分钟),维保人员,登陆账号,维保单位,使用单位,街道办,上传时间,状态,异常类型"

    /// A database holding the sample registry.
    func registry() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try await database.upsertElevators { upsert in
            try ElevatorImporter(districts: districts).read(Self.samples.appendingPathComponent("elevators.csv"), each: upsert)
        }
        return database
    }

    func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func importFile(_ url: URL, into database: AppDatabase) async throws -> (MaintenanceImportSummary, MaintenanceImportReport) {
        var report = MaintenanceImportReport()
        let summary = try await database.importMaintenance { add in
            report = try MaintenanceImporter().read(url) { row in try add(row.record) }
        }
        return (summary, report)
    }

    func all(_ database: AppDatabase) async throws -> [MaintenanceRecord] {
        try await database.maintenanceEntries(MaintenanceFilter(limit: 10_000)).map(\.record)
    }

    /// Samples/ holds byte-for-byte copies of the bureau's sample files (shared/domain): their
    /// SHA-256 as published there.
    @Test func theSamplesAreTheSharedDomainFiles() async throws {
        #expect(try await Self.sha256(Self.sample) == "7de1d02c707d5cf8532622897c43ad32f451f012894762719fa066208509217a")
        #expect(try await Self.sha256(Self.samples.appendingPathComponent("elevators.csv")) == "939ca4b76af86e2a86364c05d8981900a1f2d73e68be230717721ccef92626fd")
    }

    /// The SHA-256 of a file, by coreutils' sha256sum.
    static func sha256(_ url: URL) async throws -> String {
        let result = try await ChildProcess.run("/usr/bin/sha256sum", [url.path])
        return result.output.split(separator: " ").first.map(String.init) ?? ""
    }

    @Test func theSampleRecordsReDeriveTheirLateUploads() async throws {
        let database = try await registry()
        let (summary, report) = try await importFile(Self.sample, into: database)
        #expect(summary.inserted == 13)
        #expect(summary.workersCreated == 5)
        let records = try await all(database)
        let late = Set(records.filter { $0.abnormal == .lateUpload }.map(\.number.description))
        // The five the platform flagged, and two 2017 rows uploaded days after their end scan
        // (2017-11-07 11:06 and 2017-11-09 10:03, both uploaded 2017-11-11) that it had not.
        #expect(late == ["N001839", "N001820", "N202300", "N301451", "N301474", "N301481", "N301456"])
        #expect(report.lateNotGiven == [3, 4])
        #expect(report.lateGivenButOnTime == [])
        // N202300 ended 15:03 and was uploaded 23:15: 8 h 12 min.
        // 超量上传 cannot be derived from five rows of W0005's day, so it stays as given.
        let overQuota = Set(records.filter { $0.abnormal == .overQuota }.map(\.number.description))
        #expect(overQuota == ["N104027", "N104026", "N104025", "N104043", "N103464"])
        #expect(summary.overQuotaDerived == 0)
        #expect(summary.lateUpload == 7)
        #expect(summary.overQuota == 5)
        // Only N008243 (passed, uploaded 2 minutes after the end) counts.
        #expect(records.filter(\.isCounted).map(\.number.description) == ["N008243"])
        #expect(summary.counted == 1)
        #expect(records.allSatisfy { $0.status == .passed }, "empty 状态 on the abnormal rows reads as 通过")
        #expect(records.allSatisfy { $0.verification == .unverified })

        let counted = try #require(try database.factsNow(for: try NNumber(parsing: "N008243")))
        #expect(counted.history.lastCounted[.halfMonth] == CivilDate(year: 2017, month: 10, day: 13))
        #expect(counted.lastMaintenance?.workerName == "陈建章")
        #expect(counted.status(on: CivilDate(year: 2017, month: 10, day: 28)!) == .current)
        #expect(counted.status(on: CivilDate(year: 2017, month: 10, day: 29)!) == .overdue)
        let notCounted = try #require(try database.factsNow(for: try NNumber(parsing: "N001839")))
        #expect(notCounted.lastMaintenance == nil)

        let worker = try #require(try await database.worker(login: "W0004"))
        #expect(worker.name == "朱圣兵")
        #expect(worker.unitName == "南通通菱电梯工程有限公")

        // Again: nothing new.
        let (again, _) = try await importFile(Self.sample, into: database)
        #expect(again.inserted == 0)
        #expect(again.alreadyPresent == 13)
        #expect(try await all(database).count == 13)
    }

    @Test func theNinthElevatorOfAWorkersDayInTheFileIsOverQuota() async throws {
        let database = try AppDatabase.inMemory()
        let numbers = (1...11).map { NNumber(value: 600 + $0)! }
        _ = try await database.upsert(numbers.map { Elevator(number: $0, address: "测试路\($0.value)号", district: "崇川区", maintenanceUnit: "甲单位") })
        // W0009 uploads ten elevators on 2019-06-27 (Shanghai), the last at 23:59; the 11th just
        // after midnight is a new day. Rows are out of order: upload time decides.
        var lines = [Self.header]
        for (index, number) in numbers.enumerated().reversed() {
            let upload = index == 9 ? "2019-06-27 23:59" : index == 10 ? "2019-06-28 00:00" : String(format: "2019-06-27 %02d:10", 8 + index)
            let startHour = index >= 9 ? 23 : 7 + index
            lines.append(String(format: "\(number),地址,楼盘,半月保,2019-06-27 %02d:00,2019-06-27 %02d:40,40,王五,W0009,甲单位,乙物业,街道,\(upload),通过,", startHour, startHour))
        }
        let url = try temporaryFile("quota.csv", lines.joined(separator: "\n"))
        let (summary, _) = try await importFile(url, into: database)
        #expect(summary.inserted == 11)
        #expect(summary.overQuotaDerived == 2)
        let records = try await all(database)
        let flagged = records.filter { $0.abnormal == .overQuota }.map(\.number.value).sorted()
        #expect(flagged == [609, 610], "the 9th and 10th of the day; the 11th is the next day")
        #expect(summary.counted == 9)
    }

    @Test func aBadRowStopsTheImportNamingItsLineAndWritesNothing() async throws {
        let text = try String(contentsOf: Self.sample, encoding: .utf8)
        func failure(_ edit: (inout [String]) -> Void) async throws -> ImportError? {
            var lines = text.components(separatedBy: "\n")
            edit(&lines)
            let url = try temporaryFile("bad.csv", lines.joined(separator: "\n"))
            let database = try await registry()
            let error = await #expect(throws: ImportError.self) { try await importFile(url, into: database) }
            #expect(try await all(database).isEmpty, "nothing written")
            #expect(try await database.worker(login: "W0001") == nil, "no worker created")
            return error
        }
        let badTime = try await failure { $0[4] = $0[4].replacingOccurrences(of: "2019-06-27 15:03", with: "2019-06-27 25:03") }
        #expect(badTime?.line == 5)
        #expect(badTime?.description.contains("结束时间") == true)

        let nationalID = try await failure { $0[9] = $0[9].replacingOccurrences(of: "W0005", with: "32060219800101123X") }
        #expect(nationalID?.line == 10)
        #expect(nationalID?.description.contains("national ID") == true)
        #expect(nationalID?.description.contains("3206") == false, "the message shows no part of the number")

        let short = try await failure { $0[1] = $0[1].replacingOccurrences(of: "2017-10-13 14:30,37", with: "2017-10-13 14:20,27") }
        #expect(short?.line == 2)
        #expect(short?.description.contains("30 minutes") == true)

        let unregistered = try await failure { $0[13] = $0[13].replacingOccurrences(of: "N103464", with: "N199999") }
        #expect(unregistered?.line == 14)
        #expect(unregistered?.description.contains("N199999 is not registered") == true)

        let type = try await failure { $0[2] = $0[2].replacingOccurrences(of: "半月保", with: "月保") }
        #expect(type?.line == 3)

        let duration = try await failure { $0[2] = $0[2].replacingOccurrences(of: ",34,", with: ",50,") }
        #expect(duration?.line == 3)

        let header = try await failure { $0[0] = $0[0].replacingOccurrences(of: "上传时间", with: "时间") }
        #expect(header?.line == 1)
        #expect(header?.description.contains("上传时间") == true)
    }

    @Test func nationalIDNumbersAreRecognised() {
        #expect(MaintenanceImporter.looksLikeNationalID("32060219800101123X"))
        #expect(MaintenanceImporter.looksLikeNationalID("320602198001011234"))
        #expect(MaintenanceImporter.looksLikeNationalID("320602800101123"))
        #expect(!MaintenanceImporter.looksLikeNationalID("W0001"))
        #expect(!MaintenanceImporter.looksLikeNationalID("3206021980010112"))
    }

    /// Times as General numbers, and as cells formatted "yyyy-mm-dd hh:mm" (what Excel does with a
    /// time typed into a cell).
    @Test(arguments: [false, true]) func readsAWorkbookWithEnglishHeadersAndExcelTimes(styled: Bool) async throws {
        // Excel keeps times as day serials: 2019-06-27 09:29 is 43643 + 9:29/24h.
        let serial = { (hour: Double, minute: Double) in String(43643 + (hour * 60 + minute) / 1440) }
        let rows: [[String]] = [
            ["Number", "Type", "Start", "End", "Worker", "Login", "Maintenance unit", "Uploaded", "Status", "Abnormal"],
            ["N301456", "quarterly", serial(9, 29), serial(10, 7), "朱圣兵", "W0004", "南通通菱电梯工程有限公", serial(10, 30), "passed", ""],
            ["N301481", "半年保", "2019-06-27 10:09", "2019-06-27 10:45", "朱圣兵", "W0004", "南通通菱电梯工程有限公", "2019-06-27 22:18", "", "超时上传"],
        ]
        let url = try Self.workbook(rows, timeStyled: styled)
        // A formatted cell reads as the time it shows; a General one as its serial.
        var table = try TableReader(url: url)
        let first = try #require(try table.next())
        #expect(styled ? first.fields[2] == "2019-06-27 09:29" : Double(first.fields[2]) != nil)
        let database = try await registry()
        let (summary, report) = try await importFile(url, into: database)
        #expect(summary.inserted == 2)
        #expect(report.lateNotGiven.isEmpty)
        let records = try await all(database).sorted { $0.startedAt < $1.startedAt }
        #expect(records.map(\.type) == [.quarterly, .halfYear])
        #expect(ShanghaiTime.format(records[0].startedAt) == "2019-06-27 09:29")
        #expect(ShanghaiTime.format(records[0].endedAt) == "2019-06-27 10:07")
        #expect(records[0].isCounted)
        #expect(records[1].abnormal == .lateUpload)
        let facts = try #require(try database.factsNow(for: try NNumber(parsing: "N301456")))
        #expect(facts.history.lastCounted[.quarterly] == CivilDate(year: 2019, month: 6, day: 27))
    }

    /// A minimal .xlsx: one sheet of inline strings, numbers where a field is numeric; with
    /// `timeStyled`, numbers carry a date-and-time format.
    static func workbook(_ rows: [[String]], timeStyled: Bool = false) throws -> URL {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var sheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (index, row) in rows.enumerated() {
            sheet += #"<row r="\#(index + 1)">"#
            for (column, value) in row.enumerated() where !value.isEmpty {
                let reference = String(UnicodeScalar(UInt8(65 + column))) + "\(index + 1)"
                if Double(value) != nil {
                    sheet += #"<c r="\#(reference)"\#(timeStyled ? #" s="1""# : "")><v>\#(value)</v></c>"#
                } else {
                    sheet += #"<c r="\#(reference)" t="inlineStr"><is><t>\#(escape(value))</t></is></c>"#
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcode-\(UUID().uuidString).xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        var parts = ["xl/worksheets/sheet1.xml": sheet]
        if timeStyled {
            parts["xl/styles.xml"] = #"""
                <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\#
                <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd hh:mm"/></numFmts>\#
                <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>
                """#
        }
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }
}
