import Foundation
import LimnHTTP
import LimnRouter
import LimnTesting
import Testing

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

/// A port nothing listens on (bound, read, released).
func closedPort() async throws -> Int {
    let probe = FakeRouter()
    _ = try await probe.start()
    let port = probe.port ?? 1
    await probe.stop()
    return port
}

/// The key the tests use; long and distinctive so a scan cannot miss it.
let testKey = "sk-limn-test-0123456789abcdefSECRET"
