/// Retries of 429, 5xx, resets and timeouts (DESIGN §7); the CLI maps them to the router's `RetryPolicy`.
public struct RetrySettings: Sendable, Equatable {
    /// Retries after the first attempt (0 = never retry). Default 3.
    public var count: Sourced<Int>
    /// The first backoff; each further one doubles, with jitter. Default 1 s.
    public var base: Sourced<Duration>
    /// The longest single backoff. Default 30 s.
    public var cap: Sourced<Duration>

    /// Retry settings.
    public init(count: Sourced<Int>, base: Sourced<Duration>, cap: Sourced<Duration>) {
        self.count = count
        self.base = base
        self.cap = cap
    }

    /// 3 retries, 1 s doubling, capped at 30 s.
    public static let builtIn = RetrySettings(
        count: Sourced(3, .builtIn), base: Sourced(.seconds(1), .builtIn), cap: Sourced(.seconds(30), .builtIn))
}
