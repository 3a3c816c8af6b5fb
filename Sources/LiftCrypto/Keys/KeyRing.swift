import Foundation
import LiftCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The label signing keys of a key directory (`Keys/` by default), and their statuses.
///
/// `ID.pub.pem` files give the public keys that verify labels; `ID.key.pem` files hold the private
/// keys that sign them and are read only when ``signer(for:)`` asks for one, so a server that only
/// verifies never loads a private key. The statuses (active, retired, revoked) live in the
/// database beside the ledger and are handed in by the caller; a key with no status is active.
///
///     let ring = try KeyRing(directory: URL(fileURLWithPath: "Keys"), statuses: try store.keyStatuses())
///     let verifier = LabelVerifier(signatures: ring)
public struct KeyRing: SignatureChecking {
    /// The key directory.
    public let directory: URL
    /// Public keys by key id.
    public let publicKeys: [String: Ed25519PublicKey]
    /// Key statuses by key id, as the database keeps them; a missing entry means active.
    public var statuses: [String: KeyStatus]

    /// Loads every `ID.pub.pem` of `directory`.
    ///
    /// Throws when the directory is missing, when a key file's name is not a valid key id, or when a
    /// public key cannot be read: a server should not start with half a key ring.
    public init(directory: URL = URL(fileURLWithPath: "Keys", isDirectory: true), statuses: [String: KeyStatus] = [:]) throws(KeyError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .directoryNotFound(path: directory.path)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw .unreadableKeyFile(path: directory.path, reason: error.localizedDescription)
        }
        var keys: [String: Ed25519PublicKey] = [:]
        for name in names {
            let file = directory.appendingPathComponent(name)
            if let id = Self.keyID(fileName: name, suffix: Self.privateKeySuffix) {
                guard LabelCode.isValidKeyID(id) else { throw .invalidKeyFileName(path: file.path) }
                continue
            }
            guard let id = Self.keyID(fileName: name, suffix: Self.publicKeySuffix) else { continue }
            guard LabelCode.isValidKeyID(id) else { throw .invalidKeyFileName(path: file.path) }
            let pem: String
            do {
                pem = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw .unreadableKeyFile(path: file.path, reason: error.localizedDescription)
            }
            do {
                keys[id] = try Ed25519PublicKey(pemRepresentation: pem)
            } catch {
                throw .unreadableKeyFile(path: file.path, reason: error.description)
            }
        }
        self.init(publicKeys: keys, statuses: statuses, directory: directory)
    }

    /// A ring from keys already in memory (tests, or keys read from elsewhere).
    public init(publicKeys: [String: Ed25519PublicKey], statuses: [String: KeyStatus] = [:], directory: URL) {
        self.directory = directory
        self.publicKeys = publicKeys
        self.statuses = statuses
    }

    /// The key ids, sorted.
    public var keyIDs: [String] { publicKeys.keys.sorted() }

    /// A known key's status (active when the database has none for it), or nil for an unknown id.
    public func status(of keyID: String) -> KeyStatus? {
        guard publicKeys[keyID] != nil else { return nil }
        return statuses[keyID] ?? .active
    }

    /// Where the public key of `keyID` is (or would be) stored.
    public func publicKeyFile(for keyID: String) -> URL {
        Self.publicKeyFile(for: keyID, in: directory)
    }

    /// Where the private key of `keyID` is (or would be) stored.
    public func privateKeyFile(for keyID: String) -> URL {
        Self.privateKeyFile(for: keyID, in: directory)
    }

    /// Whether this machine holds the private key of `keyID` (without reading it).
    public func hasPrivateKey(_ keyID: String) -> Bool {
        FileManager.default.fileExists(atPath: privateKeyFile(for: keyID).path)
    }

    /// Checks a signature: unknown and revoked keys are reported as such; retired keys still verify.
    public func check(signature: [UInt8], message: [UInt8], keyID: String) -> SignatureCheck {
        guard let key = publicKeys[keyID] else { return .unknownKey }
        if statuses[keyID] == .revoked { return .revokedKey }
        return key.isValidSignature(signature, for: message) ? .valid : .invalid
    }

    /// A signer for new labels with key `keyID`, reading its private key file.
    ///
    /// Refuses a retired or revoked key, a missing private key, a private key file readable by group
    /// or others (as ssh does: "chmod 600"), and a private key that is not the pair of `ID.pub.pem`.
    /// `reprinting` allows a retired key for re-rendering a batch it already signed (`labels resume`):
    /// those labels are in the ledger already, so nothing new is issued with the retired key.
    public func signer(for keyID: String, reprinting: Bool = false) throws(KeyError) -> LabelSigner {
        guard LabelCode.isValidKeyID(keyID) else { throw .invalidKeyID(keyID) }
        guard let publicKey = publicKeys[keyID] else { throw .unknownKey(keyID) }
        switch statuses[keyID] ?? .active {
        case .active: break
        case .retired: if !reprinting { throw .keyRetired(keyID) }
        case .revoked: throw .keyRevoked(keyID)
        }
        let file = privateKeyFile(for: keyID)
        let pem = try Self.readPrivateKeyFile(file, keyID: keyID)
        let privateKey: Ed25519PrivateKey
        do {
            privateKey = try Ed25519PrivateKey(pemRepresentation: pem)
        } catch {
            throw .unreadableKeyFile(path: file.path, reason: error.description)
        }
        guard try privateKey.publicKey == publicKey else { throw .keyPairMismatch(id: keyID) }
        return try LabelSigner(keyID: keyID, privateKey: privateKey)
    }

    static let publicKeySuffix = ".pub.pem"
    static let privateKeySuffix = ".key.pem"

    static func publicKeyFile(for keyID: String, in directory: URL) -> URL {
        directory.appendingPathComponent(keyID + publicKeySuffix)
    }

    static func privateKeyFile(for keyID: String, in directory: URL) -> URL {
        directory.appendingPathComponent(keyID + privateKeySuffix)
    }

    /// The id part of "ID.pub.pem", or nil when the name does not end with `suffix`.
    static func keyID(fileName: String, suffix: String) -> String? {
        guard fileName.hasSuffix(suffix) else { return nil }
        return String(fileName.dropLast(suffix.count))
    }

    /// Reads a private key file after checking, on the open descriptor, that only its owner can read it.
    static func readPrivateKeyFile(_ file: URL, keyID: String) throws(KeyError) -> String {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .noPrivateKey(id: keyID, path: file.path) }
            throw .unreadableKeyFile(path: file.path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .unreadableKeyFile(path: file.path, reason: String(cString: strerror(errno)))
        }
        let mode = UInt32(info.st_mode)
        guard mode & UInt32(S_IFMT) == UInt32(S_IFREG) else {
            throw .unreadableKeyFile(path: file.path, reason: "not a regular file")
        }
        guard mode & 0o077 == 0 else { throw .privateKeyTooOpen(path: file.path, mode: mode) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadableKeyFile(path: file.path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= 64 * 1024 else {
                throw .unreadableKeyFile(path: file.path, reason: "too large to be a key")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
