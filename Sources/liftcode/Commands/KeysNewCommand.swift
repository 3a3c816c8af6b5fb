import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto

/// `liftcode keys new [--id K1]`: a new signing key pair in the key directory.
struct KeysNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a signing key pair: ID.key.pem (PKCS#8, mode 600) and ID.pub.pem (SubjectPublicKeyInfo).",
        discussion: """
            Both files are standard PEM that the openssl command line reads. Without --id the next free id \
            K1, K2, … is used. An existing key is never overwritten.

            Example:
              liftcode keys new --id K2
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The key id printed in every code it signs: 1 to 4 characters of A-Z and 0-9.")
    var id: String?

    func validate() throws {
        if let id, !LabelCode.isValidKeyID(id) {
            throw ValidationError("bad key id \"\(id)\": expected 1 to 4 characters of A-Z and 0-9, as K1")
        }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: global.keys, isDirectory: true)
        let keyID = try id ?? Self.nextFreeID(in: directory)
        do {
            let publicKey = try KeyRing.generate(id: keyID, in: directory)
            print("key \(keyID) created, fingerprint \(publicKey.fingerprint)")
            print("  private: \(directory.appendingPathComponent(keyID + ".key.pem").path) (mode 600, never commit or copy it)")
            print("  public:  \(directory.appendingPathComponent(keyID + ".pub.pem").path)")
        } catch {
            throw CommandFailure(error.description)
        }
        await announceToServers()
    }

    /// On PostgreSQL, tells the running servers at once that a key was added (they find it at their
    /// next check anyway, so a database out of reach only earns a note). SQLite servers poll.
    func announceToServers() async {
        guard global.isPostgres else { return }
        do {
            guard let feed = try await global.openStores() as? any TrustChangeFeed else { return }
            try await feed.announceTrustChange()
        } catch {
            FileHandle.standardError.write(
                Data("note: running servers were not told of the new key (\(error)); they find it within their next check\n".utf8))
        }
    }

    /// K1, K2, …: the first id with neither key file in `directory`.
    static func nextFreeID(in directory: URL) throws -> String {
        for number in 1...999 {
            let id = "K\(number)"
            let files = [id + ".key.pem", id + ".pub.pem"].map { directory.appendingPathComponent($0).path }
            if !files.contains(where: FileManager.default.fileExists(atPath:)) { return id }
        }
        throw CommandFailure("K1 to K999 are all taken in \(directory.path): choose an id with --id")
    }
}
