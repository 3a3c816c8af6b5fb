import Foundation
import LiftCore
import LiftCrypto
import LiftStore

/// The demo's accounts and its counterfeit example.
enum DemoAccounts {
    /// Adds an account and returns its bearer token.
    static func add(
        role: AccountRole, unit: String? = nil, district: String? = nil, worker: String? = nil, to database: AppDatabase
    ) throws -> String {
        let token = try AccessToken.generate()
        _ = try database.addAccount(
            Account(id: 0, role: role, unit: unit, district: district, name: "demo \(role.rawValue)", workerLogin: worker, createdAt: Date()),
            tokenHash: AccessToken.hash(token))
        return token
    }

    /// A genuine code with one signature character changed: what a forged label looks like.
    static func tampered(_ code: String) -> String {
        var characters = Array(code)
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }
}
