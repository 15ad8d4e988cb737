import Foundation

/// Where a sandboxed run may connect: http(s) only, and never to loopback, private, link-local,
/// multicast or unspecified addresses — unless the configured router itself lives at that
/// address (a router on 127.0.0.1 keeps working). Checked for every request and every redirect
/// hop, so a reply's image URL or a redirect cannot reach a service inside the network.
public struct AddressPolicy: Sendable, Equatable {
    /// The router's own addresses, as text (`127.0.0.1`, `::1`).
    public let routerAddresses: Set<String>

    /// A policy for a router at `routerURL`.
    public init(routerURL: URL) {
        routerAddresses = Set(AddressPolicy.resolve(routerURL.host ?? "").map(\.text))
    }

    /// nil when `url` may be fetched, else why not.
    public func refusal(for url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return "\(url.scheme ?? "a schemeless") URL: the sandbox fetches only http(s)"
        }
        guard let host = url.host, !host.isEmpty else { return "the URL has no host" }
        let addresses = AddressPolicy.resolve(host)
        guard !addresses.isEmpty else { return nil } // unresolvable: the connection fails on its own
        for address in addresses where address.isInternal && !routerAddresses.contains(address.text) {
            return "\(host) is \(address.text), an internal address (loopback, private or link-local); the sandbox does not connect there"
        }
        return nil
    }

    struct Address {
        let text: String
        let isInternal: Bool
    }

    /// The addresses `host` resolves to (an IP literal resolves to itself).
    static func resolve(_ host: String) -> [Address] {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var result: [Address] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let n = node {
            if let sa = n.pointee.ai_addr {
                if n.pointee.ai_family == AF_INET {
                    let a = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                    let b = withUnsafeBytes(of: a) { Array($0) }
                    result.append(Address(text: b.map(String.init).joined(separator: "."), isInternal: internalV4(b)))
                } else if n.pointee.ai_family == AF_INET6 {
                    let b = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in withUnsafeBytes(of: p.pointee.sin6_addr) { Array($0) } }
                    result.append(Address(text: v6Text(b), isInternal: internalV6(b)))
                }
            }
            node = n.pointee.ai_next
        }
        return result
    }

    static func internalV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return true
        case (169, 254), (192, 168): return true
        case (172, 16...31), (100, 64...127): return true
        case (224...255, _): return true
        default: return false
        }
    }

    static func internalV6(_ b: [UInt8]) -> Bool {
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return internalV4(Array(b[12..<16])) }
        if b[0..<15].allSatisfy({ $0 == 0 }) && (b[15] == 0 || b[15] == 1) { return true }   // :: and ::1
        if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 { return true }                           // fe80::/10
        if (b[0] & 0xFE) == 0xFC { return true }                                            // fc00::/7
        return b[0] == 0xFF                                                                 // multicast
    }

    static func v6Text(_ b: [UInt8]) -> String {
        stride(from: 0, to: 16, by: 2).map { String(UInt16(b[$0]) << 8 | UInt16(b[$0 + 1]), radix: 16) }.joined(separator: ":")
    }
}
