import Foundation

/// A normalized answer and how it was obtained.
struct Exchange {
    var reply: NormalizedReply
    var status: Int
    var requestID: String?
    var attempts: Int
}

extension RouterClient {
    /// Sends the call's request until it yields a normalized answer or the policy gives up.
    func send(_ request: HTTPRequest, route: Route, operation: Operation, model: String,
              policy: RetryPolicy) async throws(RouterError) -> Exchange {
        let normalizer = ResponseNormalizer(limits: limits)
        return try await withRetries(policy: policy) { attempt throws(RouterError) -> Exchange in
            emit(.sending(attempt: attempt, method: request.method, url: request.url.absoluteString, route: route, model: model))
            let started = ContinuousClock.now
            let response = try await exchange(request)
            emit(.received(attempt: attempt, status: response.status, bytes: response.body.count, elapsed: ContinuousClock.now - started))
            let reply = try normalizer.normalize(response: response, route: route, operation: operation)
            return Exchange(reply: reply, status: response.status, requestID: ErrorClassifier.requestID(in: response.headers),
                            attempts: attempt)
        }
    }

    /// Runs `body` (given the attempt number) until it succeeds or `policy` says stop, sleeping between tries.
    func withRetries<T>(policy: RetryPolicy, _ body: (Int) async throws(RouterError) -> T) async throws(RouterError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw Self.cancelled }
            let failure: RouterError
            do {
                return try await body(attempt)
            } catch {
                failure = error
            }
            guard case .retry(let delay) = policy.decide(after: failure, attempt: attempt) else { throw failure }
            emit(.retrying(attempt: attempt, reason: failure.description, delay: delay))
            do {
                try await sleep(delay)
            } catch {
                throw Self.cancelled
            }
        }
    }

    /// One transport round trip, with transport failures as `RouterError`s.
    func exchange(_ request: HTTPRequest) async throws(RouterError) -> HTTPResponse {
        if Task.isCancelled { throw Self.cancelled }
        do {
            return try await transport.send(request)
        } catch let error as TransportError {
            throw Self.routerError(error)
        } catch is CancellationError {
            throw Self.cancelled
        } catch {
            throw RouterError(.http, "the request failed: \(error)", retryable: true)
        }
    }

    static let cancelled = RouterError(.cancelled, "the call was cancelled")

    /// timeout → `timeout`, cancelled → `cancelled`, connect/reset → `http` (retryable),
    /// too large → `limit`, unreachable → `http` (neither retryable: the same request fails the same way).
    static func routerError(_ error: TransportError) -> RouterError {
        switch error.kind {
        case .timeout: RouterError(.timeout, "no complete response in time: \(error.message)", retryable: true)
        case .cancelled: RouterError(.cancelled, "the call was cancelled: \(error.message)")
        case .connect: RouterError(.http, "could not connect: \(error.message)", retryable: true)
        case .reset: RouterError(.http, "the connection dropped: \(error.message)", retryable: true)
        case .tooLarge: RouterError(.limit, "the response is too large: \(error.message) (limits.response_size in limn.toml's [limits])", retryable: false)
        case .unreachable: RouterError(.http, "no route to the server: \(error.message)", retryable: false)
        case .forbidden: RouterError(.sandbox, error.message, retryable: false)
        }
    }
}
