import Foundation
import LimnHTTP
import LimnRouter
import LimnTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A started fake router, stopped when `body` ends.
func withFakeRouter<T>(_ configuration: FakeRouterConfiguration = FakeRouterConfiguration(),
                       _ body: (FakeRouter, URL) async throws -> T) async throws -> T {
    let router = FakeRouter(configuration: configuration)
    let base = try await router.start()
    do {
        let result = try await body(router, base)
        await router.stop()
        return result
    } catch {
        await router.stop()
        throw error
    }
}

/// A live transport, shut down when `body` ends.
func withTransport<T>(_ configuration: LiveTransportConfiguration = LiveTransportConfiguration(),
                      _ body: (LiveTransport) async throws -> T) async throws -> T {
    let transport = LiveTransport(configuration: configuration)
    do {
        let result = try await body(transport)
        await transport.shutdown()
        return result
    } catch {
        await transport.shutdown()
        throw error
    }
}

/// What `body` threw, as a `TransportError` (nil when it returned or threw something else), and how long it took.
func transportFailure(_ body: () async throws -> HTTPResponse) async -> (error: TransportError?, elapsed: Duration) {
    let clock = ContinuousClock()
    let started = clock.now
    do {
        _ = try await body()
        return (nil, clock.now - started)
    } catch {
        return (error as? TransportError, clock.now - started)
    }
}

/// A JSON POST to `path` under `base`.
func jsonRequest(_ base: URL, _ path: String, _ body: JSONValue, headers: HTTPHeaders = [:],
                 timeout: Duration = .seconds(30)) -> HTTPRequest {
    var all = headers
    all["Content-Type"] = "application/json"
    return HTTPRequest(method: "POST", url: base.appendingPathComponent(path), headers: all, body: body.serialized(), timeout: timeout)
}

/// A loopback port bound but not listening, held until `body` ends: connecting to it is refused,
/// and no other test's server can take it meanwhile (a freed ephemeral port could be reused at once).
func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    try #require(bound)
    return try await body(Int(UInt16(bigEndian: address.sin_port)))
}

/// The key the tests use; long and distinctive so a scan cannot miss it.
let testKey = "sk-" + "limn-test-0123456789abcdefSECRET"
