import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftStore

/// `liftcode accounts add`: prints the new bearer token once, on its last line.
struct AccountsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account; its bearer token is printed once, alone on the last line, and stored only as a hash.",
        discussion: """
            A --unit must be a unit of the registry (a maintenance unit for workers and maintainers, a user unit \
            for property managers). A --district is a name or digit of the district table, and a --street one of \
            its street offices (from --streets, or else from the registry's elevators). A worker login has at most \
            one live account: revoke the old one before adding another. Options left out keep what the worker \
            record already has.

            Examples:
              liftcode accounts add --role maintainer --unit 南通弘扬电梯安装有限公司
              liftcode accounts add --role worker --unit 南通弘扬电梯安装有限公司 --worker W0101 --name 陈建章 --phone 13912345678
              liftcode accounts add --role regulator --district 崇川区 --street 文峰街道 --login wenfeng
              liftcode accounts add --role operator --name 96333应急处置中心
              echo 'a long passphrase' | liftcode accounts add --role admin --login admin --password-stdin

            A console login (--login; a worker's defaults to its worker login) signs in at /console/ once
            it has a password (--password-stdin here, or `liftcode accounts set-password LOGIN`).
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

    @Option(help: "The console sign-in name (a worker's defaults to its --worker login).")
    var login: String?

    @Flag(help: "Read the console password from standard input (one line).")
    var passwordStdin = false

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
        if let login {
            try ConsolePassword.validateLogin(login)
        }
        if passwordStdin, consoleLogin == nil { throw ValidationError("--password-stdin needs a --login (or a worker's --worker)") }
    }

    /// The console login: the given one, or a worker's login.
    var consoleLogin: String? { login ?? (role == .worker ? worker : nil) }

    func run() async throws {
        var passwordHash: String?
        if passwordStdin, let consoleLogin {
            passwordHash = try ConsolePassword.hash(try ConsolePassword.readStandardInput(), login: consoleLogin)
        }
        let store = try await global.openStores()
        let districts = try global.districtDirectory()
        // The district's name as elevators carry it, so a regulator given "0" sees 崇川区's elevators.
        var districtName: String?
        if let district {
            guard let known = districts.district(named: district) else {
                throw UsageFailure("unknown district \(district); known: \(districts.districts.map(\.name).joined(separator: ", "))")
            }
            districtName = known.name
        }
        if let street, let districtName {
            var known = try global.streetDirectory(districts: districts)?.streets[districtName]
            if known == nil { known = try await store.streets(inDistrict: districtName) }
            let streets = known ?? []
            guard streets.contains(street) else {
                throw CommandFailure(
                    "\(districtName) has no street office \(street)"
                        + (streets.isEmpty ? " (no elevator of \(districtName) has a 街道办 yet)" : "; known: \(streets.sorted().joined(separator: ", "))"))
            }
        }
        if let unit {
            let kind: Organization.Kind = role == .property ? .user : .maintenance
            guard try await store.unit(named: unit, kind: kind) != nil else {
                throw CommandFailure(
                    "no \(kind == .user ? "user unit (使用单位)" : "maintenance unit (维保单位)") is named \(unit): "
                        + "units come from the registry (liftcode import elevators); check the spelling")
            }
        }
        var accountName = name
        var accountPhone = phone
        if role == .worker, let worker, let unit {
            if let live = try await store.accounts().first(where: { $0.workerLogin == worker && $0.revokedAt == nil }) {
                throw CommandFailure(AccountStoreError.workerHasAccount(worker, live.id).description)
            }
            let known = try await store.worker(login: worker)
            if let known, known.unitName != unit {
                throw CommandFailure("worker \(worker) belongs to \(known.unitName), not \(unit)")
            }
            // An option left out keeps what the worker record has.
            let saved = Worker(login: worker, name: name ?? known?.name ?? worker, phone: phone ?? known?.phone, unitName: unit)
            if saved != known.map({ Worker(login: $0.login, name: $0.name, phone: $0.phone, unitName: $0.unitName) }) {
                _ = try await store.importWorkers { add in try add(saved) }
            }
            accountName = saved.name
            accountPhone = saved.phone
        }
        let token: String
        do {
            token = try AccessToken.generate()
        } catch {
            throw CommandFailure("cannot make a token: \(error)")
        }
        let account: Account
        do {
            account = try await store.addAccount(
                Account(
                    id: 0, role: role, unit: unit, district: districtName, street: street, name: accountName, phone: accountPhone,
                    workerLogin: worker, login: consoleLogin, createdAt: Date()),
                tokenHash: AccessToken.hash(token), passwordHash: passwordHash)
        } catch let error as AccountStoreError {
            throw CommandFailure(error.description)
        }
        if let consoleLogin {
            print("console login \(consoleLogin)" + (passwordHash == nil ? " (no password yet: liftcode accounts set-password \(consoleLogin))" : " with its password set"))
        }
        let scope = [unit, districtName, street, worker].compactMap { $0 }.joined(separator: ", ")
        print("account \(account.id) (\(role.rawValue)\(scope.isEmpty ? "" : ", " + scope)) added.")
        print("Its bearer token, shown only now:")
        print(token)
    }
}

extension AccountRole: ExpressibleByArgument {}
