import COpenSSL

/// OpenSSL reports failures through a per-thread error queue; this turns the queue into text.
enum OpenSSLErrors {
    /// Drains the calling thread's OpenSSL error queue and returns its messages joined, or `fallback`
    /// when the queue is empty. Draining also keeps a failed call from leaking into a later one.
    static func drain(fallback: String) -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? fallback : fallback + ": " + messages.joined(separator: "; ")
    }

    /// Empties the calling thread's error queue after an expected failure (a signature that does not verify).
    static func clear() {
        ERR_clear_error()
    }
}
