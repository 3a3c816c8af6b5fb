import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto

/// `liftcode accounts add`: prints the new bearer token once, on its last line.
struct AccountsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account; its bearer token is printed once, alone on the last line, and stored only as a hash.",
        discussion: """
            Examples:
              liftcode accounts add --role maintainer --unit 南通弘扬电梯安装有限公司
              liftcode accounts add --role worker --unit 南通弘扬电梯安装有限公司 --worker W0101 --name 陈建章 --phone 13912345678
              liftcode accounts add --role regulator --district 崇川区 --street 文峰街道
              liftcode accounts add --role operator --name 96333应急处置中心
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "worker, maintainer, property, regulator, operator (the 96333 line) or admin.")
    var role: AccountRole

    @Option(help: "The unit of a worker, maintainer or property account.")
    var unit: String?

    @Option(help: "A regulator's district.")
    var district: String?

    @Option(help: "A regulator's street office, to scope it to one street.")
    var street: String?

    @Option(help: "A worker's login (W0001…); never a national ID number.")
    var worker: String?

    @Option(help: "The person's or office's name.")
    var name: String?

    @Option(help: "A contact phone.")
    var phone: String?

    func validate() throws {
        switch role {
        case .worker, .maintainer, .property:
            guard let unit, !unit.isEmpty else { throw ValidationError("--role \(role.rawValue) needs --unit NAME") }
            guard district == nil, street == nil else { throw ValidationError("--district and --street are for regulators") }
        case .regulator:
            guard district != nil else { throw ValidationError("--role regulator needs --district NAME (and optionally --street)") }
            guard unit == nil else { throw ValidationError("--unit is not for regulators") }
        case .emergencyOperator:
            guard unit == nil, district == nil, street == nil else { throw ValidationError("a 96333 operator account is city-wide: no --unit, --district or --street") }
        case .admin:
            guard unit == nil, district == nil, street == nil else { throw ValidationError("an admin account has no --unit, --district or --street") }
        }
        if role == .worker, worker == nil { throw ValidationError("--role worker needs --worker LOGIN (W0001…)") }
        if role != .worker, worker != nil { throw ValidationError("--worker is only for worker accounts") }
        if let phone, !ComplaintDraft.isMainlandMobile(phone) && !phone.allSatisfy({ $0.isNumber || $0 == "-" }) {
            throw ValidationError("--phone \(phone) is not a phone number")
        }
        if let worker, worker.count == 18 || worker.count == 15, worker.dropLast().allSatisfy(\.isNumber) {
            throw ValidationError("--worker looks like a national ID number; use the platform login (W0001…) instead")
        }
    }

    func run() throws {
        let database = try global.openDatabase()
        if let district {
            let directory = try global.districtDirectory()
            guard directory.district(named: district) != nil else {
                throw CommandFailure("unknown district \(district); known: \(directory.districts.map(\.name).joined(separator: ", "))")
            }
        }
        if role == .worker, let worker, let unit {
            if let known = try database.worker(login: worker), known.unitName != unit {
                throw CommandFailure("worker \(worker) belongs to \(known.unitName), not \(unit)")
            }
            try database.saveWorker(Worker(login: worker, name: name ?? worker, phone: phone, unitName: unit))
        }
        let token: String
        do {
            token = try AccessToken.generate()
        } catch {
            throw CommandFailure("cannot make a token: \(error)")
        }
        let account = try database.addAccount(
            Account(id: 0, role: role, unit: unit, district: district, street: street, name: name, phone: phone, workerLogin: worker, createdAt: Date()),
            tokenHash: AccessToken.hash(token))
        print("account \(account.id) (\(role.rawValue)\(unit.map { ", " + $0 } ?? "")\(district.map { ", " + $0 } ?? "")\(street.map { " " + $0 } ?? "")) added.")
        print("Its bearer token, shown only now:")
        print(token)
    }
}

extension AccountRole: ExpressibleByArgument {}
