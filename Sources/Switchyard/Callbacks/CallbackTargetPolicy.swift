import Foundation
import NIOCore
import NIOPosix

/// Decides whether Switchyard may send a request to a customer-given URL: http(s) only, and, unless the operator
/// allows it, no address in a private, loopback, link-local, unspecified or IPv4-mapped private range, checked on
/// the literal host and again on every address the name resolves to.
public struct CallbackTargetPolicy: Sendable {
    public var allowPrivateTargets: Bool
    /// Turns a host name into its addresses; throws (or answers none) when the name cannot be resolved now.
    public typealias Resolver = @Sendable (_ host: String, _ port: Int) async throws -> [SocketAddress]
    let resolver: Resolver

    public init(allowPrivateTargets: Bool, resolver: @escaping Resolver = CallbackTargetPolicy.resolve) {
        self.allowPrivateTargets = allowPrivateTargets
        self.resolver = resolver
    }

    /// The target's name did not resolve: DNS may answer on a later attempt, so the delivery is retried.
    struct Unresolved: Error, Equatable {
        let host: String
        var message: String { "callback host \(host) did not resolve" }
    }

    /// Checks the URL's form and, when the host is an IP literal, its range; no DNS. For request validation; errors
    /// name `field`, the request's own name for the URL (Luma's `callback_url`, Suno's `notify_hook`).
    public func checkForm(_ text: String, field: String = "callback_url") throws -> URL {
        guard text.count <= 2048, let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw GatewayError.validation(field: field, "must be an http or https URL") }
        if !allowPrivateTargets, let address = try? SocketAddress(ipAddress: Self.unbracket(host), port: 0), Self.isRestricted(address) {
            throw GatewayError.validation(field: field, "must not point at a private, loopback or link-local address")
        }
        return url
    }

    /// Checks the URL and every address its host resolves to, and returns the address to connect to. Throws
    /// `Unresolved` when the name does not resolve now (worth retrying), and a `GatewayError` with a message fit
    /// for the outbox's error column when the target is refused for good (malformed, or a private address).
    ///
    /// The returned address must be the one used: resolving the name again to connect would let a name that
    /// changes its answer in between (DNS rebinding) reach an address that was never checked. Nil means connect as
    /// the URL says (an IP literal).
    func checkResolved(_ text: String) async throws -> PinnedTarget? {
        let url = try checkForm(text)
        guard let host = url.host else { return nil }
        let name = Self.unbracket(host)
        if (try? SocketAddress(ipAddress: name, port: 0)) != nil { return nil }
        let addresses: [SocketAddress]
        do {
            addresses = try await resolver(name, url.port ?? (url.scheme == "https" ? 443 : 80))
        } catch {
            throw Unresolved(host: name)
        }
        guard let first = addresses.first, let ip = first.ipAddress else { throw Unresolved(host: name) }
        if !allowPrivateTargets, addresses.contains(where: Self.isRestricted) {
            throw GatewayError.invalidRequest("callback host resolves to a private, loopback or link-local address")
        }
        return PinnedTarget(host: name, address: ip)
    }

    /// A checked host name and the checked address to reach it at.
    struct PinnedTarget: Sendable, Equatable {
        let host: String
        let address: String
    }

    static func unbracket(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Resolves with the system's resolver, off the event loops (getaddrinfo blocks).
    public static func resolve(_ host: String, port: Int) async throws -> [SocketAddress] {
        try await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else { return [] }
            defer { freeaddrinfo(first) }
            var addresses: [SocketAddress] = []
            var cursor: UnsafeMutablePointer<addrinfo>? = first
            while let entry = cursor {
                if let raw = entry.pointee.ai_addr {
                    switch Int32(raw.pointee.sa_family) {
                    case AF_INET:
                        raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { addresses.append(SocketAddress($0.pointee, host: host)) }
                    case AF_INET6:
                        raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { addresses.append(SocketAddress($0.pointee, host: host)) }
                    default: break
                    }
                }
                cursor = entry.pointee.ai_next
            }
            return addresses
        }
    }

    /// Whether an address is in a range a callback must not reach.
    public static func isRestricted(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4(let v4):
            return isRestrictedIPv4(UInt32(bigEndian: v4.address.sin_addr.s_addr))
        case .v6(let v6):
            var storage = v6.address.sin6_addr
            let bytes = withUnsafeBytes(of: &storage) { Array($0) }
            return isRestrictedIPv6(bytes)
        default:
            return true
        }
    }

    static func isRestrictedIPv4(_ ip: UInt32) -> Bool {
        let ranges: [(UInt32, UInt32)] = [
            (0x0000_0000, 8),  // 0.0.0.0/8 "this network"
            (0x0A00_0000, 8),  // 10/8
            (0x6440_0000, 10),  // 100.64/10 carrier-grade NAT
            (0x7F00_0000, 8),  // loopback
            (0xA9FE_0000, 16),  // link-local (cloud metadata lives here)
            (0xAC10_0000, 12),  // 172.16/12
            (0xC0A8_0000, 16),  // 192.168/16
            (0xC000_0000, 24),  // 192.0.0/24 protocol assignments
            (0xC612_0000, 15),  // 198.18/15 benchmarking
            (0xE000_0000, 3),  // multicast, reserved, broadcast
        ]
        return ranges.contains { base, bits in (ip >> (32 - bits)) == (base >> (32 - bits)) }
    }

    static func isRestrictedIPv6(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return true }
        // ::/96 (:: and ::1 included, and the deprecated IPv4-compatible ::a.b.c.d): nothing public lives there.
        if bytes[0..<12].allSatisfy({ $0 == 0 }) { return true }
        // Addresses that carry an IPv4 address, which some networks route to it: ::ffff:a.b.c.d (mapped),
        // 64:ff9b::a.b.c.d (NAT64) and 2002:aabb:ccdd:: (6to4). They are as restricted as the address they carry.
        let nat64Prefix: [UInt8] = [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
        if (bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF) || Array(bytes[0..<12]) == nat64Prefix {
            return isRestrictedIPv4(ipv4(bytes[12...]))
        }
        if bytes[0] == 0x20 && bytes[1] == 0x02 { return isRestrictedIPv4(ipv4(bytes[2..<6])) }
        if bytes[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
        if bytes[0] == 0xFF { return true }  // multicast
        return false
    }

    private static func ipv4(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
}
