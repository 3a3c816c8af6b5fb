import COpenSSL

/// An Ed25519 private key held by OpenSSL: signs label codes.
///
/// `@unchecked Sendable`: the wrapped `EVP_PKEY` is never mutated after creation, and OpenSSL allows
/// concurrent signing with one key as long as each call has its own `EVP_MD_CTX`, which
/// ``signature(for:)`` creates and frees on every call. Batch workers therefore share one key.
public final class Ed25519PrivateKey: @unchecked Sendable {
    /// The `EVP_PKEY*`, owned by this object and freed with it.
    let key: OpaquePointer

    /// Length of an Ed25519 signature in bytes.
    public static let signatureLength = 64

    init(owning key: OpaquePointer) {
        self.key = key
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// Generates a new key from OpenSSL's random generator.
    public static func generate() throws(KeyError) -> Ed25519PrivateKey {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_PKEY_CTX_new_id(ED25519) failed"))
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_PKEY_keygen_init failed"))
        }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_PKEY_keygen failed"))
        }
        return Ed25519PrivateKey(owning: key)
    }

    /// Reads an unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), as `openssl genpkey` writes it.
    ///
    /// An encrypted key is refused rather than prompting for a pass phrase on the terminal.
    public convenience init(pemRepresentation pem: String) throws(KeyError) {
        let bio = try MemoryBIO(reading: pem)
        // A callback that supplies no pass phrase: OpenSSL's default would prompt on the terminal.
        let noPassphrase: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = {
            _, _, _, _ in 0
        }
        guard let key = PEM_read_bio_PrivateKey(bio.pointer, nil, noPassphrase, nil) else {
            throw .invalidPEM(OpenSSLErrors.drain(fallback: "no unencrypted PRIVATE KEY block"))
        }
        guard EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 else {
            EVP_PKEY_free(key)
            throw .invalidPEM("the key is not an Ed25519 key")
        }
        self.init(owning: key)
    }

    /// The unencrypted PKCS#8 PEM text, which `openssl pkey` reads.
    public var pemRepresentation: String {
        get throws(KeyError) {
            let bio = try MemoryBIO()
            guard PEM_write_bio_PrivateKey(bio.pointer, key, nil, nil, 0, nil, nil) == 1 else {
                throw .openSSL(OpenSSLErrors.drain(fallback: "PEM_write_bio_PrivateKey failed"))
            }
            return bio.contents
        }
    }

    /// The matching public key.
    public var publicKey: Ed25519PublicKey {
        get throws(KeyError) {
            var raw = [UInt8](repeating: 0, count: Ed25519PublicKey.rawLength)
            var length = raw.count
            guard EVP_PKEY_get_raw_public_key(key, &raw, &length) == 1 else {
                throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_PKEY_get_raw_public_key failed"))
            }
            return try Ed25519PublicKey(rawRepresentation: raw)
        }
    }

    /// The Ed25519 signature of `message` (pure Ed25519, no pre-hash): deterministic, so the same
    /// message always gives the same 64 bytes, as `openssl pkeyutl -sign -rawin` does.
    public func signature(for message: [UInt8]) throws(KeyError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_MD_CTX_new failed"))
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1 else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_DigestSignInit failed"))
        }
        var signature = [UInt8](repeating: 0, count: Self.signatureLength)
        var length = signature.count
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1,
            length == Self.signatureLength
        else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "EVP_DigestSign failed"))
        }
        return signature
    }
}
