import Foundation
import LiftCore
import LiftCrypto
import LiftServer
import LiftStore

extension GlobalOptions {
    /// The key ring of --keys, with the statuses the database keeps.
    func keyRing(database: AppDatabase) throws -> KeyRing {
        try Self.keyRing(folder: keys, database: database)
    }

    /// The key ring of a key folder, with the statuses the database keeps.
    static func keyRing(folder: String, database: AppDatabase) throws -> KeyRing {
        do {
            return try KeyRing(directory: URL(fileURLWithPath: folder, isDirectory: true), statuses: try database.keyStatuses())
        } catch let error as KeyError {
            throw CommandFailure("\(error)")
        }
    }

    /// The key ring of --keys, with the statuses any store keeps.
    func keyRing(stores: any KeyStatusStore) async throws -> KeyRing {
        try await Self.keyRing(folder: keys, stores: stores)
    }

    /// The key ring of a key folder, with the statuses any store keeps.
    static func keyRing(folder: String, stores: any KeyStatusStore) async throws -> KeyRing {
        do {
            return try KeyRing(directory: URL(fileURLWithPath: folder, isDirectory: true), statuses: try await stores.keyStatuses())
        } catch let error as KeyError {
            throw CommandFailure("\(error)")
        }
    }
}

extension KeyRing {
    /// The public keys as `GET /api/v1/keys` publishes them.
    var publishedKeys: [PublishedKey] {
        keyIDs.compactMap { id in
            guard let key = publicKeys[id], let pem = try? key.pemRepresentation else { return nil }
            return PublishedKey(id: id, status: status(of: id) ?? .active, pem: pem)
        }
    }

    /// What changes when a key file is added, replaced or removed in `directory`: the public key
    /// files' names, sizes and times.
    static func folderStamp(_ directory: URL) -> String {
        let manager = FileManager.default
        let names = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".pub.pem") }.sorted()
        return names.map { name -> String in
            let attributes = try? manager.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(name):\(size):\(modified)"
        }.joined(separator: ",")
    }
}
