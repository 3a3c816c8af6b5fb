import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A unit's webhook address, checked when it is saved and again before every delivery: http or
/// https with a host, and, unless the operator allows it, no loopback, link-local, private or
/// otherwise internal address, so a unit cannot point the server at the machines behind it.
///
/// ```swift
/// let endpoint = try WebhookEndpoint(validating: "https://ops.example.cn/liftcode")
/// ```
public struct WebhookEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The address as given (trimmed).
    public let url: String
    /// The host name or address literal, lower case, without IPv6 brackets.
    public let host: String

    /// Parses and checks a webhook address.
    /// - Parameters:
    ///   - text: the URL.
    ///   - allowPrivateAddresses: accept loopback, link-local and private hosts (a test rig, or a
    ///     unit's system on the same private network, by the operator's choice).
    public init(validating text: String, allowPrivateAddresses: Bool = false) throws(WebhookEndpointError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 2048 else { throw .malformed(text) }
        guard trimmed.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else { throw .malformed(text) }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else { throw .malformed(text) }
        guard scheme == "http" || scheme == "https" else { throw .scheme(scheme) }
        guard components.user == nil, components.password == nil else { throw .credentials }
        guard var host = components.host?.lowercased(), !host.isEmpty else { throw .malformed(text) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { throw .malformed(text) }
        if !allowPrivateAddresses {
            if host == "localhost" || host.hasSuffix(".localhost") || host.hasSuffix(".local") || host.hasSuffix(".internal") {
                throw .internalAddress(host)
            }
            if let address = IPAddress(host), !address.isPublic { throw .internalAddress(host) }
            if IPAddress.looksNumeric(host) && IPAddress(host) == nil { throw .malformed(text) }
        }
        self.url = trimmed
        self.host = host
    }

    public var description: String { url }
}

/// Why a webhook address was refused.
public enum WebhookEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case scheme(String)
    case credentials
    case internalAddress(String)

    public var description: String {
        switch self {
        case .malformed(let text): "\"\(text)\" is not a web address (http:// or https:// and a host)"
        case .scheme(let scheme): "a webhook must be http or https, not \(scheme)"
        case .credentials: "a webhook address must not carry a user name or password; use the unit's webhook secret"
        case .internalAddress(let host):
            "\(host) is a loopback, link-local or private address; a webhook must be reachable on the internet (the operator can allow internal addresses with --allow-private-webhooks)"
        }
    }
}

/// An IPv4 or IPv6 address, to tell public addresses from internal ones.
public struct IPAddress: Sendable, Hashable {
    /// 4 or 16 bytes, network order.
    public let bytes: [UInt8]

    /// Parses an address literal; nil for a host name.
    public init?(_ text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: v6) { Array($0) }
            return
        }
        return nil
    }

    /// An address from its bytes (4 or 16).
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// An IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`, as a dual-stack socket reports an IPv4
    /// peer) as the IPv4 address it is; any other address as it is.
    public var unmapped: IPAddress {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return self }
        return IPAddress(bytes: Array(bytes[12..<16]))!
    }

    /// The key a client is counted by in rate limits and sign-in lock-outs: an IPv4 address (or
    /// one mapped into IPv6) as it is, an IPv6 address by its /64, the network one subscriber is
    /// given, whose 2^64 addresses would otherwise each get a budget of their own; text that is no
    /// address, as it is.
    public static func limitKey(_ text: String) -> String {
        guard let address = IPAddress(text)?.unmapped else { return text }
        guard address.bytes.count == 16 else { return address.bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(address.bytes[$0]) << 8 | UInt16(address.bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }

    /// A host whose last label is a number (`127.1`, `0x7f000001`, `2130706433`): resolvers read
    /// such hosts as addresses in ways that differ, so one that is not a plain address is refused.
    static func looksNumeric(_ host: String) -> Bool {
        guard let last = host.split(separator: ".").last else { return false }
        return last.allSatisfy(\.isNumber) || last.hasPrefix("0x")
    }

    /// False for loopback, unspecified, private (RFC 1918, fc00::/7), link-local, carrier-grade
    /// NAT, multicast, reserved and documentation ranges, and IPv4 mapped into IPv6 from those.
    public var isPublic: Bool {
        if bytes.count == 4 { return Self.isPublicV4(bytes) }
        let b = bytes
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return Self.isPublicV4(Array(b[12..<16])) }  // ::ffff:a.b.c.d
        if b[0..<8].allSatisfy({ $0 == 0 }) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0 {
            return Self.isPublicV4(Array(b[12..<16]))  // ::ffff:0:a.b.c.d, IPv4-translated
        }
        if b[0..<12].allSatisfy({ $0 == 0 }) { return false }  // ::, ::1 and IPv4-compatible
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B { return Self.isPublicV4(Array(b[12..<16])) }  // 64:ff9b::/96
        if b[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }  // fe80::/10 link-local
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return false }  // fec0::/10 site-local
        if b[0] == 0xFF { return false }  // multicast
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // documentation
        if b[0] == 0x20 && b[1] == 0x02 { return Self.isPublicV4(Array(b[2..<6])) }  // 6to4
        return true
    }

    static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false
        case (100, 64...127): return false  // carrier-grade NAT
        case (169, 254): return false  // link-local, cloud metadata
        case (172, 16...31): return false
        case (192, 168): return false
        case (192, 0) where b[2] == 0 || b[2] == 2: return false  // IETF, TEST-NET-1
        case (198, 18...19): return false  // benchmarking
        case (198, 51) where b[2] == 100: return false
        case (203, 0) where b[2] == 113: return false
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}
