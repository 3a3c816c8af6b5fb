import Foundation
import LiftCore

/// Reads an insurance file (CSV or XLSX; the headers insurers export, 电梯编号 or 注册代码, 保险公司,
/// 保单号, 险种, 保险金额, 保险起期, 保险止期, 理赔电话, or English ones) into policies, stopping at the
/// first bad row with its line and what is wrong.
///
///     let count = try store.importInsurance { add in
///         try InsuranceImporter().read(url) { row in try add(row) }
///     }
public struct InsuranceImporter: Sendable {
    public init() {}

    /// Reads every row, handing each policy to `each`; an error `each` throws (an unknown
    /// elevator) is reported with the row's line.
    /// - Returns: the number of rows read.
    @discardableResult
    public func read(_ url: URL, each: (InsurancePolicyRow) throws -> Void) throws -> Int {
        var table = try TableReader(url: url)
        let columns = try ImportColumnMap<InsuranceColumn>(header: table.header)
        var seen: [InsurancePolicyKey: Int] = [:]
        var count = 0
        while let (line, fields) = try table.next() {
            let input = ImportRow(fields: fields, columns: columns, line: line, limit: 100)
            let row = try self.row(from: input)
            let key = InsurancePolicyKey(elevator: row.elevator, policyNumber: row.insurance.policyNumber)
            if let first = seen[key] {
                throw ImportError(line: line, message: "policy \(row.insurance.policyNumber) of \(row.elevator) is already on line \(first)")
            }
            seen[key] = line
            try input.handing(row, to: each)
            count += 1
        }
        return count
    }

    func row(from input: ImportRow<ImportColumnMap<InsuranceColumn>>) throws -> InsurancePolicyRow {
        func date(_ column: InsuranceColumn) throws -> CivilDate {
            let value = try input.required(column, limit: 40)
            guard let date = Self.parseDate(value) else {
                throw input.fail("\(column.label) is \"\(value)\": expected a date such as 2026-01-05, 2026/1/5 or 2026年1月5日")
            }
            return date
        }

        let elevator: ElevatorReference
        if let numberText = try input.text(.number, limit: 20) {
            do {
                elevator = .number(try NNumber(parsing: numberText))
            } catch {
                throw input.fail("电梯编号 (number): \(error)")
            }
        } else if let code = try input.text(.registrationCode, limit: 40) {
            guard code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ($0.value >= 48 && $0.value <= 57)) }) else {
                throw input.fail("注册代码 (registration code) is \"\(code)\": expected letters and digits")
            }
            elevator = .registrationCode(code)
        } else {
            throw input.fail("both 电梯编号 (number) and 注册代码 (registration code) are empty: name the elevator")
        }
        let insurer = try input.required(.insurer, limit: 200)
        let policyNumber = try input.required(.policyNumber, limit: 64)
        let kind = try input.required(.coverageKind, limit: 100)
        var coverage = kind
        if let sum = try input.text(.sumInsured, limit: 40) {
            coverage += " " + (try Self.sumInsured(sum, line: input.line))
        }
        let start = try date(.start)
        let end = try date(.end)
        guard start <= end else { throw input.fail("保险止期 (end) \(end) is before 保险起期 (start) \(start)") }
        var claimsPhone: String?
        if let phone = try input.text(.claimsPhone, limit: 30) {
            do {
                claimsPhone = try ContactPhone.checked(phone)
            } catch {
                throw input.fail("理赔电话 (claims phone): \(error.description)")
            }
        }
        return InsurancePolicyRow(
            elevator: elevator,
            insurance: Insurance(insurer: insurer, policyNumber: policyNumber, coverage: coverage, validFrom: start, validTo: end, claimsPhone: claimsPhone))
    }

    /// The sum insured as the page shows it: "1,000,000" → "保额1000000元", "100万元" → "保额100万元".
    static func sumInsured(_ text: String, line: Int) throws -> String {
        var amount = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if amount.hasSuffix("元") { amount.removeLast() }
        let tenThousands = amount.hasSuffix("万")
        if tenThousands { amount.removeLast() }
        guard let value = Double(amount), value > 0, value.isFinite, amount.allSatisfy({ $0.isASCII }) else {
            throw ImportError(line: line, message: "保险金额 (sum insured) is \"\(text)\": expected an amount such as 1000000 or 100万元")
        }
        return "保额" + amount + (tenThousands ? "万元" : "元")
    }

    /// 2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日, each optionally followed by a time of day
    /// (2026-01-05 00:00:00), or an Excel day serial.
    static func parseDate(_ text: String) -> CivilDate? {
        var day = text.trimmed
        if let space = day.firstIndex(where: { $0 == " " || $0 == "T" }) { day = String(day[..<space]) }
        if day.contains("年") {
            day = day.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-").replacingOccurrences(of: "日", with: "")
        }
        if let date = try? CivilDate(parsing: day) { return date }
        if let serial = Int(day), (20_000...80_000).contains(serial) { return CivilDate(daysSinceEpoch: serial - 25_569) }
        return nil
    }
}

/// A policy of one elevator: a file may not name it twice.
struct InsurancePolicyKey: Hashable {
    let elevator: ElevatorReference
    let policyNumber: String
}
