import AsyncHTTPClient
import Foundation
import LimnRouter
import NIOCore
import NIOHTTP1

/// The transport that talks to real routers over HTTP(S), on AsyncHTTPClient.
///
/// - Connecting is bounded by `connectTimeout`; a refused connection fails at once.
/// - The whole exchange (head and body) is bounded by `request.timeout`.
/// - Bodies are read up to `maxResponseBytes`.
/// - Redirects are followed by `RedirectRule`: credentials never cross to another origin.
/// - Cancelling the calling task cancels the request in flight and throws `.cancelled`.
///
/// Call `shutdown()` when done; a transport dropped without it shuts its client down in the background.
public final class LiveTransport: Transport {
    /// What this transport was made with.
    public let configuration: LiveTransportConfiguration
    private let client: HTTPClient

    /// A transport with its own connection pool on the shared event loop group.
    public init(configuration: LiveTransportConfiguration = LiveTransportConfiguration()) {
        self.configuration = configuration
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: Self.timeAmount(configuration.connectTimeout), read: nil)
        config.redirectConfiguration = .disallow  // followed here, so credentials can be stripped per origin
        config.connectionPool = .init(idleTimeout: Self.timeAmount(configuration.idleTimeout),
                                      concurrentHTTP1ConnectionsPerHostSoftLimit: max(configuration.maxConnectionsPerHost, 1))
        config.connectionPool.retryConnectionEstablishment = configuration.retryConnectionEstablishment
        config.decompression = .disabled  // bytes exactly as the router sent them
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }

    /// A transport with the given connect timeout, pool width and body limit.
    public convenience init(connectTimeout: Duration = .seconds(15), concurrency: Int = 8, maxResponseBytes: Int = 512 << 20) {
        var configuration = LiveTransportConfiguration.forConcurrency(concurrency)
        configuration.connectTimeout = connectTimeout
        configuration.maxResponseBytes = maxResponseBytes
        self.init(configuration: configuration)
    }

    deinit {
        // Harmless when already shut down (the callback gets `alreadyShutdown`); keeps a forgotten
        // transport from leaking its pool or tripping AsyncHTTPClient's debug-build check.
        client.shutdown { _ in }
    }

    /// Closes pooled connections and releases the client. Requests sent afterwards fail with `.unreachable`.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends `request`, following redirects, within `request.timeout` counted from now.
    /// - Throws: `TransportError` (`connect`, `timeout`, `reset`, `cancelled`, `tooLarge`, `unreachable`).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let deadline = ContinuousClock.now.advanced(by: request.timeout)
        let outcome: Outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    return .finished(.success(try await self.followingRedirects(request, deadline: deadline)))
                } catch {
                    return .finished(.failure(TransportErrorMapping.map(error, for: request)))
                }
            }
            group.addTask {
                // The deadline covers reading the body too, which AsyncHTTPClient's own deadline does not.
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return .deadlinePassed
                } catch {
                    return .timerStopped
                }
            }
            var result = Outcome.timerStopped
            for await next in group {
                if case .timerStopped = next { continue }
                result = next
                group.cancelAll()
                break
            }
            return result
        }
        switch outcome {
        case .finished(.success(let response)):
            return response
        case .finished(.failure(let error)):
            if Task.isCancelled, error.kind != .tooLarge {
                throw TransportError(.cancelled, "\(request.method) \(TransportErrorMapping.describe(request.url)) was cancelled")
            }
            throw error
        case .deadlinePassed:
            throw TransportError(.timeout, "\(request.method) \(TransportErrorMapping.describe(request.url)) "
                                     + "passed its deadline of \(request.timeout)")
        case .timerStopped:
            throw TransportError(.cancelled, "\(request.method) \(TransportErrorMapping.describe(request.url)) was cancelled")
        }
    }

    /// What finished first: the exchange or the deadline timer.
    private enum Outcome: Sendable {
        case finished(Result<HTTPResponse, TransportError>)
        case deadlinePassed
        case timerStopped
    }

    private func followingRedirects(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        var current = request
        var redirects = 0
        while true {
            if let reason = configuration.addressPolicy?.refusal(for: current.url) {
                throw TransportError(.forbidden, "refused \(current.url.host ?? "?"): \(reason)")
            }
            let response = try await exchange(current, deadline: deadline)
            guard redirects < configuration.maxRedirects,
                  let next = RedirectRule.nextRequest(after: current, response: response) else { return response }
            redirects += 1
            current = next
        }
    }

    /// One request and its whole response, no redirects.
    private func exchange(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
        for field in request.headers.fields { outgoing.headers.add(name: field.name, value: field.value) }
        if let agent = configuration.userAgent, !outgoing.headers.contains(name: "User-Agent") {
            outgoing.headers.add(name: "User-Agent", value: agent)
        }
        if !request.content.isEmpty || !["GET", "HEAD"].contains(request.method.uppercased()) {
            outgoing.body = Self.body(request.content)
        }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let response = try await client.execute(outgoing, timeout: Self.timeAmount(max(remaining, .milliseconds(1))))
        let limit = configuration.maxResponseBytes
        var expected: Int?
        if let declared = response.headers.first(name: "Content-Length").flatMap(Int.init) {
            guard declared <= limit else {
                throw TransportError(.tooLarge, "the response from \(TransportErrorMapping.describe(request.url)) "
                                         + "declares \(declared) bytes, over the limit of \(limit)")
            }
            expected = declared
        }
        // A successful JSON answer has its long base64 values decoded as they arrive: the image
        // is then held once, as bytes, not as text and then bytes (docs/performance.md).
        let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        let liftable = (200..<300).contains(Int(response.status.code)) && contentType.contains("json")
        var collector = ResponseBodyCollector(expected: expected.map { min($0, limit) },
                                              liftingFrom: liftable ? ResponseNormalizer.spanMinimum : nil)
        for try await chunk in response.body {
            guard collector.count + chunk.readableBytes <= limit else {
                throw TransportError(.tooLarge, "the response from \(TransportErrorMapping.describe(request.url)) "
                                         + "is larger than the limit of \(limit) bytes")
            }
            chunk.withUnsafeReadableBytes { collector.append($0) }
        }
        // A cancelled body stream ends quietly; never return what was read as if it were whole.
        try Task.checkCancellation()
        let received = collector.count
        if let expected, received < expected {
            throw TransportError(.reset, "the connection to \(TransportErrorMapping.describe(request.url)) closed after "
                                     + "\(received) of \(expected) bytes")
        }
        let (body, lifted) = collector.finish()
        var headers = LimnRouter.HTTPHeaders()
        headers.fields = response.headers.map { (name: $0.name, value: $0.value) }
        return HTTPResponse(status: Int(response.status.code), headers: headers, body: body, lifted: lifted)
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let nanos = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanos.overflow else { return .nanoseconds(Int64.max) }
        return .nanoseconds(nanos.partialValue + attoseconds / 1_000_000_000)
    }
}
