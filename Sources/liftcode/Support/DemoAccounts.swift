import Foundation
import LiftCore
import LiftCrypto
import LiftStore
import HummingbirdBcrypt

/// The demo's accounts and its counterfeit example.
enum DemoAccounts {
    /// Adds an account and returns its bearer token; with a `login`, also a fresh one-time console
    /// password (printed once by the demo, stored only as its bcrypt hash).
    static func add(
        role: AccountRole, unit: String? = nil, district: String? = nil, worker: String? = nil, login: String? = nil, to database: AppDatabase
    ) async throws -> (token: String, password: String?) {
        let token = try AccessToken.generate()
        let password = login.map { _ in ConsolePassword.generate() }
        _ = try await database.addAccount(
            Account(id: 0, role: role, unit: unit, district: district, name: "demo \(role.rawValue)", workerLogin: worker, login: login, createdAt: Date()),
            tokenHash: AccessToken.hash(token), passwordHash: password.map { Bcrypt.hash($0, cost: ConsolePassword.cost) })
        return (token, password)
    }

    /// A genuine code with one bit of its signature changed: what a forged label looks like.
    static func tampered(_ code: LabelCode) -> LabelCode {
        var signature = code.signature
        signature[signature.count - 7] ^= 0x01
        return LabelCode(baseURL: code.baseURL, number: code.number, serial: code.serial, keyID: code.keyID, signature: signature)
    }
}
