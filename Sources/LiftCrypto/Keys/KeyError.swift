import LiftCore

/// What can go wrong with signing keys, worded for the person at the terminal.
public enum KeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key directory does not exist.
    case directoryNotFound(path: String)
    /// A key id is not 1 to 4 characters of A-Z and 0-9.
    case invalidKeyID(String)
    /// A `*.pub.pem` or `*.key.pem` file whose name is not a valid key id.
    case invalidKeyFileName(path: String)
    /// `keys new` would overwrite an existing key file.
    case keyExists(path: String)
    /// Text that is not an Ed25519 key in PEM form.
    case invalidPEM(String)
    /// A key file that cannot be read or parsed.
    case unreadableKeyFile(path: String, reason: String)
    /// A private key file readable by group or others (as ssh, liftcode will not use it).
    case privateKeyTooOpen(path: String, mode: UInt32)
    /// No public key with this id in the ring.
    case unknownKey(String)
    /// The ring knows the public key, but there is no private key file to sign with.
    case noPrivateKey(id: String, path: String)
    /// The private key does not belong to the public key of the same id.
    case keyPairMismatch(id: String)
    /// Retired keys verify old labels but sign no new ones.
    case keyRetired(String)
    /// Revoked keys neither sign nor verify.
    case keyRevoked(String)
    /// Writing a key file failed.
    case writeFailed(path: String, reason: String)
    /// OpenSSL failed where it should not (out of memory, a broken installation).
    case openSSL(String)

    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            "key directory \(path) does not exist (create a key with `liftcode keys new`)"
        case .invalidKeyID(let id):
            "bad key id \"\(id)\": expected 1 to 4 characters of A-Z and 0-9, as K1"
        case .invalidKeyFileName(let path):
            "\(path): key files are named ID.pub.pem or ID.key.pem with an id of 1 to 4 characters of A-Z and 0-9"
        case .keyExists(let path):
            "\(path) already exists: liftcode never overwrites a key (choose another id with --id)"
        case .invalidPEM(let reason):
            "not an Ed25519 key in PEM form: \(reason)"
        case .unreadableKeyFile(let path, let reason):
            "cannot read key file \(path): \(reason)"
        case .privateKeyTooOpen(let path, let mode):
            "permissions \(String(mode & 0o777, radix: 8)) for private key \(path) are too open: it must not be readable "
                + "by group or others; run chmod 600 \(path)"
        case .unknownKey(let id):
            "no key \(id): there is no \(id).pub.pem in the key directory"
        case .noPrivateKey(let id, let path):
            "key \(id) cannot sign here: its private key \(path) is missing"
        case .keyPairMismatch(let id):
            "\(id).key.pem and \(id).pub.pem are not the same key pair"
        case .keyRetired(let id):
            "key \(id) is retired: it verifies old labels but signs no new ones (create a key with `liftcode keys new`)"
        case .keyRevoked(let id):
            "key \(id) is revoked: it signs nothing and its labels are counterfeit"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason)"
        case .openSSL(let message):
            "OpenSSL: \(message)"
        }
    }
}
