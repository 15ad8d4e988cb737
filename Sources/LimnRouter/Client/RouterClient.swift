import Foundation
import LimnImage

/// Performs calls against one provider: picks the route, builds the request, sends it with
/// retries, normalizes the answer, fetches and validates every image. The transport, the sleep
/// and the event sink are injected, so the whole path runs in tests without a network or a clock.
public struct RouterClient: Sendable {
    /// Where calls go.
    public var provider: Provider
    /// How requests travel (live HTTP, offline router, replay).
    public var transport: any Transport
    /// Which route each model takes.
    public var routes: RouteTable
    /// When to retry.
    public var retry: RetryPolicy
    /// Size limits for responses, base64 and images.
    public var limits: RouterLimits
    /// Turns calls into requests (its `defaultTimeout` applies when a call sets none).
    public var builder: RequestBuilder
    /// Waits between retries (tests pass one that records and returns at once).
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Receives progress events.
    public var onEvent: @Sendable (ClientEvent) -> Void
    /// Most image downloads of one reply in flight at once (a reply with n=4 URLs fetches them together).
    public var downloadConcurrency = 4

    /// A client.
    public init(provider: Provider, transport: any Transport, routes: RouteTable = .builtIn, retry: RetryPolicy = RetryPolicy(),
                limits: RouterLimits = .default, builder: RequestBuilder = RequestBuilder(),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                onEvent: @escaping @Sendable (ClientEvent) -> Void = { _ in }) {
        self.provider = provider
        self.transport = transport
        self.routes = routes
        self.retry = retry
        self.limits = limits
        self.builder = builder
        self.sleep = sleep
        self.onEvent = onEvent
    }

    /// Performs `call`: the answer normalized, its images fetched and validated.
    /// - Throws: `RouterError`; `no_image` (carrying the result as `reply`) when generate or edit
    ///   got no image. The error text never contains the key.
    public func perform(_ call: Call) async throws(RouterError) -> CallResult {
        let route = routes.route(for: call)
        do throws(RouterError) {
            return try await perform(call, route: route)
        } catch {
            throw scrub(error, call: call, route: route)
        }
    }

    private func perform(_ call: Call, route: Route) async throws(RouterError) -> CallResult {
        let started = ContinuousClock.now
        var call = call
        if route == .images, ModelFamily(model: call.model) == .urlInput {
            call.images = try await uploadingInputs(call.images, model: call.model)
        }
        let prepared = try builder.prepare(call: call, route: route, provider: provider)
        var policy = retry
        if let retries = call.retries { policy.maxRetries = max(0, retries) }
        let exchange = try await send(prepared.request, route: route, operation: call.operation, model: call.model, policy: policy)
        var result = CallResult(reply: exchange.reply, images: [], route: route, model: call.model, status: exchange.status,
                                requestID: exchange.requestID, attempts: exchange.attempts, elapsed: .zero,
                                sentParameters: prepared.parameters)
        do throws(RouterError) {
            result.images = try await receiveImages(exchange.reply, policy: policy)
        } catch {
            var failed = error
            result.elapsed = ContinuousClock.now - started
            failed.reply = failed.reply ?? result
            throw failed
        }
        result.elapsed = ContinuousClock.now - started
        if call.operation != .chat, result.images.isEmpty {
            throw RouterError(.noImage, Self.noImageMessage(result.reply, model: call.model), status: result.status, model: call.model,
                              route: route, requestID: result.requestID, reply: result)
        }
        return result
    }

    /// "gpt-4o answered without an image (shape text): “I can't generate…”".
    static func noImageMessage(_ reply: NormalizedReply, model: String) -> String {
        var message = "\(model) answered without an image (shape \(reply.shape.rawValue))"
        if let task = reply.task {
            message += "; it returned task \(task.id ?? "?") with no final image link"
            if let preview = task.previewURL { message += " (progress page \(preview))" }
        }
        let text = ErrorClassifier.oneLine(reply.text, limit: 160)
        if !text.isEmpty { message += ": “\(text)”" }
        if let reason = reply.finishReason, reason.lowercased() != "stop" { message += " [finish reason \(reason)]" }
        return message
    }

    /// The error with the key masked wherever it appears and the call's model and route filled in.
    func scrub(_ error: RouterError, call: Call?, route: Route?) -> RouterError {
        var e = error
        e.message = scrub(e.message)
        e.model = e.model ?? call?.model
        e.route = e.route ?? route
        return e
    }

    /// `text` with the key replaced by its masked form.
    func scrub(_ text: String) -> String {
        guard let key = provider.apiKey?.revealedValue, key.count >= 4, text.contains(key) else { return text }
        return text.replacingOccurrences(of: key, with: provider.apiKey?.masked ?? "…")
    }

    /// Emits an event with any key masked (a key can only reach a URL or a reason by mistake,
    /// such as a base URL with `?key=` in it, but a mistake must not print it).
    func emit(_ event: ClientEvent) {
        switch event {
        case .sending(let attempt, let method, let url, let route, let model):
            onEvent(.sending(attempt: attempt, method: method, url: scrub(url), route: route, model: model))
        case .retrying(let attempt, let reason, let delay): onEvent(.retrying(attempt: attempt, reason: scrub(reason), delay: delay))
        case .skippedLink(let url, let reason): onEvent(.skippedLink(url: scrub(url), reason: scrub(reason)))
        case .downloading(let url): onEvent(.downloading(url: scrub(url)))
        case .uploaded(let url): onEvent(.uploaded(url: scrub(url)))
        case .received: onEvent(event)
        }
    }
}
