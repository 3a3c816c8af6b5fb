import COpenSSL
import Foundation

/// An Ed25519 public key held by OpenSSL: verifies label signatures.
///
/// `@unchecked Sendable`: the wrapped `EVP_PKEY` is never mutated after creation, and OpenSSL allows
/// concurrent verification with one key as long as each call has its own `EVP_MD_CTX`, which
/// ``isValidSignature(_:for:)`` creates and frees on every call.
public final class Ed25519PublicKey: @unchecked Sendable {
    /// The `EVP_PKEY*`, owned by this object and freed with it.
    let key: OpaquePointer

    /// Length of a raw Ed25519 public key in bytes.
    public static let rawLength = 32

    /// Takes ownership of an Ed25519 `EVP_PKEY`.
    init(owning key: OpaquePointer) {
        self.key = key
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// Reads a SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), as `openssl pkey -pubout` writes it.
    public convenience init(pemRepresentation pem: String) throws(KeyError) {
        let bio = try MemoryBIO(reading: pem)
        guard let key = PEM_read_bio_PUBKEY(bio.pointer, nil, nil, nil) else {
            throw .invalidPEM(OpenSSLErrors.drain(fallback: "no PUBLIC KEY block"))
        }
        guard EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 else {
            EVP_PKEY_free(key)
            throw .invalidPEM("the key is not an Ed25519 key")
        }
        self.init(owning: key)
    }

    /// Makes a key from its 32 raw bytes (RFC 8032 encoding).
    public convenience init(rawRepresentation bytes: [UInt8]) throws(KeyError) {
        guard bytes.count == Self.rawLength else {
            throw .invalidPEM("a raw Ed25519 public key has \(Self.rawLength) bytes, not \(bytes.count)")
        }
        guard let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, bytes, bytes.count) else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_PKEY_new_raw_public_key failed"))
        }
        self.init(owning: key)
    }

    /// The SubjectPublicKeyInfo PEM text, which `openssl pkey -pubin` reads.
    public var pemRepresentation: String {
        get throws(KeyError) {
            let bio = try MemoryBIO()
            guard PEM_write_bio_PUBKEY(bio.pointer, key) == 1 else {
                throw .openSSL(OpenSSLErrors.drain(fallback: "PEM_write_bio_PUBKEY failed"))
            }
            return bio.contents
        }
    }

    /// The 32 raw key bytes, as published in `GET /api/v1/keys`.
    public var rawRepresentation: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.rawLength)
        var length = bytes.count
        let status = EVP_PKEY_get_raw_public_key(key, &bytes, &length)
        precondition(status == 1 && length == Self.rawLength, "an Ed25519 EVP_PKEY always has a 32-byte public key")
        return bytes
    }

    /// "SHA256:" and the unpadded base64 of the SHA-256 of the raw key, the way ssh shows fingerprints.
    public var fingerprint: String {
        let raw = rawRepresentation
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = SHA256(raw, raw.count, &digest)
        var text = Data(digest).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return "SHA256:" + text
    }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else {
            OpenSSLErrors.clear()
            return false
        }
        let status = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        if status != 1 { OpenSSLErrors.clear() }
        return status == 1
    }
}

extension Ed25519PublicKey: Equatable {
    /// Two keys are equal when their raw bytes are.
    public static func == (lhs: Ed25519PublicKey, rhs: Ed25519PublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }
}
