import COpenSSL
import LiftCore

/// API bearer tokens: 256 random bits from OpenSSL's CSPRNG, shown once, stored only as SHA-256.
public enum AccessToken {
    /// A fresh token: "lc_" and 52 base32 characters.
    public static func generate() throws(KeyError) -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "RAND_bytes failed"))
        }
        return "lc_" + Base32.encode(bytes).lowercased()
    }

    /// The lower-case hex SHA-256 of a token, as the account store keeps it.
    public static func hash(_ token: some StringProtocol) -> String {
        let bytes = Array(token.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = bytes.withUnsafeBufferPointer { input in SHA256(input.baseAddress, input.count, &digest) }
        return digest.map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }
}
