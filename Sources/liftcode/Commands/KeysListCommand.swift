import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto

/// `liftcode keys list`: every key of the key directory with its status.
struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the keys: id, status (active, retired, revoked), whether this machine can sign with it, fingerprint."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard FileManager.default.fileExists(atPath: global.keys) else {
            print("no key directory \(global.keys) yet: create a key with `liftcode keys new`")
            return
        }
        let database = try await global.openStores()
        let ring = try await global.keyRing(stores: database)
        guard !ring.keyIDs.isEmpty else {
            print("no keys in \(global.keys): create one with `liftcode keys new`")
            return
        }
        let rows = ring.keyIDs.map { id in
            [id, (ring.status(of: id) ?? .active).rawValue, Self.signsHere(id, ring: ring), ring.publicKeys[id]?.fingerprint ?? ""]
        }
        TextTable.print(header: ["key", "status", "signs here", "fingerprint"], rows: rows)
    }

    /// "yes" only when `labels issue` would sign with the key; otherwise why not.
    static func signsHere(_ id: String, ring: KeyRing) -> String {
        do {
            _ = try ring.signer(for: id)
            return "yes"
        } catch {
            switch error {
            case .keyRetired: return "no (retired)"
            case .keyRevoked: return "no (revoked)"
            case .noPrivateKey: return "no (no private key here)"
            case .privateKeyTooOpen: return "no (private key file too open: chmod 600)"
            case .keyPairMismatch: return "no (private key does not match)"
            default: return "no (\(error))"
            }
        }
    }
}
