import Foundation
import LimnRouter
import NIOCore
import NIOHTTP1
import NIOPosix

/// An OpenAI-compatible router emulation over real HTTP/1.1 on loopback, for tests and benchmarks.
///
/// It serves the three routes (`/v1/images/…`, `/v1/chat/completions`,
/// `/v1beta/models/{model}:generateContent`), the upload endpoint (`/v1/files/uploads`), the
/// `/files/…` images its URL answers point at, and the task pages task-text answers link to. Every
/// shape of router-shapes.md §9 comes from a fixture file in `Fixtures/`, filled with real images.
///
/// ```swift
/// let router = FakeRouter()
/// let base = try await router.start()              // http://127.0.0.1:PORT/v1
/// router.answer(model: "gpt-4o-image", route: .chat, with: .taskText(.english))
/// router.fail(.rateLimited(retryAfter: 1), times: 2)
/// …
/// await router.stop()
/// ```
public final class FakeRouter: Sendable {
    /// What the router was made with.
    public var configuration: FakeRouterConfiguration { state.configuration }
    let state: FakeRouterState
    private let server = LockedValue<ServerHandle?>(nil)

    /// The listening socket, the task accepting connections, and the connections open now.
    private struct ServerHandle: Sendable {
        var channel: any Channel
        var acceptor: Task<Void, Never>
        var connections: LockedValue<[ObjectIdentifier: any Channel]>
    }

    /// A router; nothing listens until `start()`.
    public init(configuration: FakeRouterConfiguration = FakeRouterConfiguration()) {
        state = FakeRouterState(configuration: configuration)
    }

    // MARK: Lifecycle

    /// Starts listening and returns the base URL with `/v1` (`http://127.0.0.1:PORT/v1`).
    @discardableResult
    public func start() async throws -> URL {
        if let base = baseURL { return base }
        let connections = LockedValue([ObjectIdentifier: any Channel]())
        let config = state.configuration
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .bind(host: config.bindHost, port: config.port) { channel in
                connections.withLock { $0[ObjectIdentifier(channel)] = channel }
                channel.closeFuture.whenComplete { _ in _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        guard let port = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            throw FakeRouterError("the server socket has no port")
        }
        let host = config.advertisedHost ?? config.bindHost
        guard let root = URL(string: "http://\(host.contains(":") ? "[\(host)]" : host):\(port)") else {
            try? await listener.channel.close()
            throw FakeRouterError("cannot form a URL for \(host):\(port)")
        }
        state.rootURL = root
        let state = self.state
        let acceptor = Task<Void, Never> {
            await withDiscardingTaskGroup { group in
                do {
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await FakeConnection.serve(connection, state: state) }
                        }
                    }
                } catch {
                    // The listener closed (stop()); open connections are closed by stop() too.
                }
            }
        }
        server.withLock { $0 = ServerHandle(channel: listener.channel, acceptor: acceptor, connections: connections) }
        return root.appendingPathComponent("v1")
    }

    /// Stops listening, closes every open connection (ending hung requests) and waits for them.
    public func stop() async {
        guard let handle = server.withLock({ handle -> ServerHandle? in
            defer { handle = nil }
            return handle
        }) else { return }
        try? await handle.channel.close()
        for connection in handle.connections.withLock({ Array($0.values) }) {
            try? await connection.close()
        }
        await handle.acceptor.value
        state.rootURL = nil
    }

    /// `http://host:port/v1` while running.
    public var baseURL: URL? { state.rootURL?.appendingPathComponent("v1") }
    /// `http://host:port` while running.
    public var rootURL: URL? { state.rootURL }
    /// The port while running.
    public var port: Int? { state.rootURL?.port }

    // MARK: Scenario

    /// Answers calls to `model` (a name or a glob such as `gemini-*`; any model when nil) on `route`
    /// (any route when nil) with `answer`
    /// until told otherwise. More specific rules win: model+route, model, route, catch-all; then the
    /// family default (`FakeAnswer.defaultAnswer(model:route:)`).
    public func answer(model: String? = nil, route: Route? = nil, with answer: FakeAnswer) {
        state.scenario.withLock { $0.answer(model: model, route: route, with: answer) }
    }

    /// Injects `fault` into the next `times` API requests matching `model` and `route` (nil: any);
    /// after that those requests are answered normally. Faults queue in the order given.
    public func fail(_ fault: FakeFault, times: Int = 1, model: String? = nil, route: Route? = nil) {
        guard times > 0 else { return }
        state.scenario.withLock { $0.faults.append(.init(fault: fault, remaining: times, model: model, route: route)) }
    }

    /// A fixed delay before every API answer (the concurrency benchmark's L).
    public func setLatency(_ latency: Duration) {
        state.scenario.withLock { $0.latency = latency }
    }

    /// The answer `model` gets on `route` now.
    public func currentAnswer(model: String, route: Route) -> FakeAnswer {
        state.scenario.withLock { $0.explicitAnswer(model: model, route: route) } ?? FakeAnswer.defaultAnswer(model: model, route: route)
    }

    /// Faults still waiting to be used.
    public var pendingFaults: Int { state.scenario.withLock { $0.faults.reduce(0) { $0 + $1.remaining } } }

    /// Forgets every rule and pending fault (latency stays).
    public func resetScenario() {
        state.scenario.withLock { scenario in
            scenario.rules.removeAll()
            scenario.faults.removeAll()
        }
    }

    // MARK: Requests received

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.log.withLock { $0 } }

    /// The requests to the API routes (`route` not nil).
    public var apiRequests: [RecordedRequest] { requests.filter { $0.route != nil } }

    /// Forgets the requests received so far.
    public func clearRequests() {
        state.log.withLock { $0.removeAll() }
    }
}
