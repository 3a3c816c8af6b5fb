import COpenSSL

/// A memory BIO owned by Swift: OpenSSL's PEM functions read from and write to BIOs.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty BIO that PEM writers append to.
    init() throws(KeyError) {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "BIO_new failed"))
        }
        pointer = bio
    }

    /// A BIO reading a copy of `text`, so the BIO never points into Swift-managed memory.
    init(reading text: String) throws(KeyError) {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "BIO_new failed"))
        }
        pointer = bio
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
        guard written == bytes.count || bytes.isEmpty else {
            throw .openSSL(OpenSSLErrors.drain(fallback: "BIO_write failed"))
        }
    }

    deinit {
        BIO_free(pointer)
    }

    /// Everything written to the BIO so far, as text.
    var contents: String {
        var data: UnsafeMutablePointer<CChar>?
        let length = liftcode_BIO_get_mem_data(pointer, &data)
        guard let data, length > 0 else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
