import Foundation
import LiftCore

/// Reads an elevator registry file (CSV or XLSX, the platform's Chinese headers or English ones)
/// into `Elevator` values, stopping at the first bad row with its line and what is wrong. A
/// district must be one of the district table (and the number's digit); with a street table, a
/// street office must be one of its district's.
///
///     let importer = ElevatorImporter(districts: directory)
///     let report = try database.importElevators(setting: try importer.fields(in: url), dryRun: false) { upsert in
///         try importer.read(url, each: upsert)
///     }
public struct ElevatorImporter: Sendable {
    public let districts: DistrictDirectory
    public let streets: StreetDirectory?

    public init(districts: DistrictDirectory, streets: StreetDirectory? = nil) {
        self.districts = districts
        self.streets = streets
    }

    /// The registry fields the file has columns for: what an update of an existing elevator sets.
    /// Fails, naming them, when the file is of another kind or lacks a required column.
    public func fields(in url: URL) throws -> Set<ElevatorField> {
        try ElevatorColumnMap(header: TableReader(url: url).header).fields
    }

    /// Reads every row of the file, handing each elevator to `each`.
    /// - Parameter progress: called now and then with rows done and rows expected.
    /// - Returns: the number of rows read.
    @discardableResult
    public func read(
        _ url: URL, progress: ((_ done: Int, _ total: Int) -> Void)? = nil, each: (Elevator) throws -> Void
    ) throws -> Int {
        var table = try TableReader(url: url)
        let columns = try ElevatorColumnMap(header: table.header)
        var seen = Set<Int>()
        var count = 0
        while let (line, fields) = try table.next() {
            let elevator = try elevator(from: fields, columns: columns, line: line)
            guard seen.insert(elevator.number.value).inserted else {
                throw ImportError(line: line, message: "\(elevator.number) appears twice in the file")
            }
            try each(elevator)
            count += 1
            if count % 10_000 == 0 { progress?(count, table.estimatedRowCount) }
        }
        progress?(count, count)
        return count
    }

    func elevator(from fields: [String], columns: ElevatorColumnMap, line: Int) throws -> Elevator {
        func fail(_ message: String) -> ImportError { ImportError(line: line, message: message) }
        func text(_ column: ElevatorColumn, limit: Int = 200) throws -> String? {
            guard let value = columns.value(column, in: fields) else { return nil }
            guard value.unicodeScalars.count <= limit else { throw fail("\(column.names[0]) is longer than \(limit) characters") }
            return value
        }
        guard let numberText = try text(.number) else { throw fail("电梯编号 (number) is empty") }
        let number: NNumber
        do {
            number = try NNumber(parsing: numberText)
        } catch {
            throw fail("电梯编号 (number): \(error)")
        }
        guard let address = try text(.address, limit: 500) else { throw fail("地址 (address) of \(number) is empty") }
        let numberDistrict = districts.district(of: number)
        let district: String
        if let name = try text(.district) {
            guard let known = districts.district(named: name) else {
                let close = districts.districts.filter { $0.name.hasPrefix(name) || name.hasPrefix($0.name) }
                let hint = close.count == 1 ? " (did you mean \(close[0].name)?)" : ""
                throw fail("行政区划 (district) \"\(name)\" is not in the district table\(hint); known: \(districts.districts.map(\.name).joined(separator: ", "))")
            }
            if let numberDistrict, known.digit != numberDistrict.digit {
                throw fail("\(number) is numbered for \(numberDistrict.name) (first digit \(numberDistrict.digit)) but its 行政区划 is \(name)")
            }
            district = known.name
        } else if let numberDistrict {
            district = numberDistrict.name
        } else {
            throw fail("行政区划 (district) of \(number) is empty and digit \(number.districtDigit) is not in districts.csv")
        }
        let street = try text(.street)
        if let street, let streets, !streets.contains(street, in: district) {
            let known = streets.streets[district].map { $0.sorted().joined(separator: ", ") } ?? "none"
            throw fail("街道办 (street) \"\(street)\" is not a street office of \(district) in the street table; known: \(known)")
        }
        var nextInspection: CivilDate?
        if let dateText = try text(.nextInspection) {
            do {
                nextInspection = try CivilDate(parsing: dateText)
            } catch {
                throw fail("下次检验日期 (next inspection): \(error)")
            }
        }
        return Elevator(
            number: number,
            rescueCode: try text(.rescueCode),
            registrationCode: try text(.registrationCode),
            address: address,
            building: try text(.building),
            district: district,
            street: street,
            internalNumber: try text(.internalNumber),
            nextInspection: nextInspection,
            userUnit: try text(.userUnit),
            maintenanceUnit: try text(.maintenanceUnit),
            manufacturer: try text(.manufacturer),
            isStopped: try flag(.stopped, fields, columns, line),
            isClassified: try flag(.classified, fields, columns, line)
        )
    }

    func flag(_ column: ElevatorColumn, _ fields: [String], _ columns: ElevatorColumnMap, _ line: Int) throws -> Bool {
        guard let value = columns.value(column, in: fields) else { return false }
        switch value.lowercased() {
        case "是", "y", "yes", "true", "1", "停用", "涉秘": return true
        case "否", "n", "no", "false", "0", "在用", "正常": return false
        default: throw ImportError(line: line, message: "\(column.names[0]) is \"\(value)\": expected 是 or 否 (yes or no)")
        }
    }
}
