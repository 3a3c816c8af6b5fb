import Foundation
import LiftCore
import LiftCrypto
import LiftStore

extension GlobalOptions {
    /// The key ring of --keys, with the statuses the database keeps.
    func keyRing(database: AppDatabase) throws -> KeyRing {
        do {
            return try KeyRing(directory: URL(fileURLWithPath: keys, isDirectory: true), statuses: try database.keyStatuses())
        } catch let error as KeyError {
            throw CommandFailure("\(error)")
        }
    }
}
