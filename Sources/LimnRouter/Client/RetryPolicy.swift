/// When to try a failed request again and how long to wait first (DESIGN §7): retries for 429
/// (honouring `Retry-After`), 5xx, timeouts, resets and connect failures, with exponential backoff
/// and jitter; never for 400/401/403/404. A value: `decide` is a pure function of its inputs and
/// the injected random source.
public struct RetryPolicy: Sendable {
    /// How the backoff delay is spread.
    public enum Jitter: String, Sendable {
        /// Uniform in `0...delay` (AWS "full jitter").
        case full
        /// Uniform in `delay/2...delay`.
        case equal
        /// Exactly `delay`.
        case none
    }

    /// What to do after a failure.
    public enum Decision: Sendable, Equatable {
        /// Try again after waiting this long.
        case retry(after: Duration)
        /// Stop and report the error.
        case giveUp
    }

    /// Retries after the first attempt (3 means up to 4 attempts in all).
    public var maxRetries: Int
    /// The delay before the first retry, before jitter.
    public var baseDelay: Duration
    /// Each further retry waits this many times longer.
    public var factor: Double
    /// The longest backoff delay.
    public var maxDelay: Duration
    /// The longest wait a `Retry-After` header can ask for.
    public var maxRetryAfter: Duration
    /// How delays are spread.
    public var jitter: Jitter
    /// A uniform random number in `0..<1` (tests inject a seeded source).
    public var random: @Sendable () -> Double

    /// A policy; the defaults are 3 retries, 1 s doubling to at most 30 s, full jitter, `Retry-After` up to 120 s.
    public init(maxRetries: Int = 3, baseDelay: Duration = .seconds(1), factor: Double = 2, maxDelay: Duration = .seconds(30),
                maxRetryAfter: Duration = .seconds(120), jitter: Jitter = .full,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.factor = factor
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
        self.random = random
    }

    /// A policy that never retries.
    public static let never = RetryPolicy(maxRetries: 0)

    /// The decision after attempt number `attempt` (1 for the first) failed with `error`.
    public func decide(after error: RouterError, attempt: Int) -> Decision {
        guard attempt <= maxRetries, Self.isRetryable(error) else { return .giveUp }
        if let seconds = error.retryAfter, seconds.isFinite, seconds >= 0 {
            return .retry(after: min(.seconds(seconds), maxRetryAfter))
        }
        return .retry(after: backoff(attempt: attempt))
    }

    /// The decision after attempt number `attempt` failed below HTTP.
    public func decide(after error: TransportError, attempt: Int) -> Decision {
        guard attempt <= maxRetries, Self.isRetryable(error) else { return .giveUp }
        return .retry(after: backoff(attempt: attempt))
    }

    /// Whether an error is worth retrying at all, whatever the attempt count.
    public static func isRetryable(_ error: RouterError) -> Bool {
        if let status = error.status, [400, 401, 403, 404].contains(status) { return false }
        switch error.kind {
        case .cancelled, .auth, .api, .config, .noImage, .shape, .io, .sandbox, .limit: return false
        case .http, .rateLimit, .timeout, .decode: return error.retryable
        }
    }

    /// Whether a transport failure is worth retrying.
    public static func isRetryable(_ error: TransportError) -> Bool {
        switch error.kind {
        case .connect, .timeout, .reset: true
        case .cancelled, .tooLarge, .unreachable, .forbidden: false
        }
    }

    /// The jittered delay before retry number `attempt`: `base × factor^(attempt−1)`, capped.
    public func backoff(attempt: Int) -> Duration {
        let base = seconds(baseDelay)
        let cap = seconds(maxDelay)
        let raw = base * pow(factor, Double(max(0, attempt - 1)))
        let delay = min(cap, raw.isFinite ? raw : cap)
        let r = min(max(random(), 0), 1)
        switch jitter {
        case .full: return .seconds(delay * r)
        case .equal: return .seconds(delay / 2 + delay / 2 * r)
        case .none: return .seconds(delay)
        }
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    private func pow(_ x: Double, _ n: Double) -> Double {
        var result = 1.0
        var i = 0.0
        while i < n && result.isFinite {
            result *= x
            i += 1
        }
        return result
    }
}
