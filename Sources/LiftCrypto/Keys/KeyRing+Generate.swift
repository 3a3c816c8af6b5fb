import Foundation
import LiftCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension KeyRing {
    /// Creates a new key pair `ID.key.pem` (PKCS#8, created with mode 0600) and `ID.pub.pem`
    /// (SubjectPublicKeyInfo, 0644) in `directory`, creating the directory when needed.
    ///
    /// Never overwrites: if either file exists nothing is written. Returns the new public key.
    ///
    ///     let publicKey = try KeyRing.generate(id: "K2", in: URL(fileURLWithPath: "Keys"))
    @discardableResult
    public static func generate(id keyID: String, in directory: URL) throws(KeyError) -> Ed25519PublicKey {
        guard LabelCode.isValidKeyID(keyID) else { throw .invalidKeyID(keyID) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory.path, reason: error.localizedDescription)
        }
        let privateFile = privateKeyFile(for: keyID, in: directory)
        let publicFile = publicKeyFile(for: keyID, in: directory)
        for file in [privateFile, publicFile] where FileManager.default.fileExists(atPath: file.path) {
            throw .keyExists(path: file.path)
        }
        let privateKey = try Ed25519PrivateKey.generate()
        let publicKey = try privateKey.publicKey
        try writeNewFile(privateFile, contents: try privateKey.pemRepresentation, mode: 0o600)
        do {
            try writeNewFile(publicFile, contents: try publicKey.pemRepresentation, mode: 0o644)
        } catch {
            // Leave no private key without its public half.
            unlink(privateFile.path)
            throw error
        }
        return publicKey
    }

    /// Writes a file that must not exist yet, created with `mode` (O_EXCL: no race with another
    /// writer, and a private key is never readable by others, not even for an instant), then syncs it.
    static func writeNewFile(_ file: URL, contents: String, mode: mode_t) throws(KeyError) {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .keyExists(path: file.path) }
            throw .writeFailed(path: file.path, reason: String(cString: strerror(code)))
        }
        let bytes = Array(contents.utf8)
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            written += count
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(file.path)
            throw .writeFailed(path: file.path, reason: String(cString: strerror(failure)))
        }
    }
}
