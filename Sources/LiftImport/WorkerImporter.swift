import Foundation
import LiftCore

/// Reads a workers file (CSV or XLSX: 登录账号, 姓名, 手机号, 维保单位, or English login, name, phone,
/// unit), stopping at the first bad row with its line and what is wrong.
///
/// A file with a national ID number anywhere (an ID-number column, or a field that looks like
/// one) is refused: liftcode never stores or shows ID numbers, and the message never repeats one.
public struct WorkerImporter: Sendable {
    /// Longest login and name accepted.
    static let limits = (login: 32, name: 50)

    public init() {}

    /// Reads every row, handing each worker to `each`; an error it throws (an unknown unit) is
    /// reported with the row's line.
    /// - Returns: the number of rows read.
    @discardableResult
    public func read(_ url: URL, each: (Worker) throws -> Void) throws -> Int {
        var table = try TableReader(url: url)
        try NationalIDGuard.check(header: table.header)
        let columns = try ImportColumnMap<WorkerColumn>(header: table.header)
        var seen: [String: Int] = [:]
        var count = 0
        while let (line, fields) = try table.next() {
            try NationalIDGuard.check(fields: fields, header: table.header, line: line)
            let input = ImportRow(fields: fields, columns: columns, line: line, limit: 100)
            let worker = try self.worker(from: input)
            if let first = seen[worker.login] { throw ImportError(line: line, message: "login \(worker.login) is already on line \(first)") }
            seen[worker.login] = line
            try input.handing(worker, to: each)
            count += 1
        }
        return count
    }

    func worker(from input: ImportRow<ImportColumnMap<WorkerColumn>>) throws -> Worker {
        guard let login = input.value(.login) else { throw input.fail("登录账号 (login) is empty") }
        guard login.utf8.count <= Self.limits.login,
            login.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw input.fail("登录账号 (login) \"\(login)\" is not a platform login: at most \(Self.limits.login) letters, digits or signs, like W0101")
        }
        guard let name = input.value(.name) else { throw input.fail("姓名 (name) of \(login) is empty") }
        guard name.unicodeScalars.count <= Self.limits.name else { throw input.fail("姓名 (name) is longer than \(Self.limits.name) characters") }
        guard let unit = input.value(.unit) else { throw input.fail("维保单位 (unit) of \(login) is empty") }
        guard unit.unicodeScalars.count <= 200 else { throw input.fail("维保单位 (unit) is longer than 200 characters") }
        var phone: String?
        if let text = input.value(.phone) {
            do {
                phone = try ContactPhone.checked(text)
            } catch {
                throw input.fail("手机号 (phone): \(error.description)")
            }
        }
        return Worker(login: login, name: name, phone: phone, unitName: unit)
    }
}
