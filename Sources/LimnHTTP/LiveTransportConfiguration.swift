import Foundation
import LimnRouter

/// How a `LiveTransport` connects, how many connections it keeps and how much it reads.
public struct LiveTransportConfiguration: Sendable, Equatable {
    /// How long establishing one connection may take (DESIGN §7: 15 s). A refused connection
    /// fails at once whatever this is; this bounds a connect that gets no answer.
    public var connectTimeout: Duration
    /// Connections kept per host: at least the run's concurrency, so requests never queue for a
    /// connection below the run-wide cap (AsyncHTTPClient's default is 8).
    public var maxConnectionsPerHost: Int
    /// The largest response body read; a longer body fails with `TransportError.tooLarge`.
    public var maxResponseBytes: Int
    /// Redirects followed before the response is returned as it is.
    public var maxRedirects: Int
    /// Whether a failed connect is retried with backoff until `connectTimeout` (AsyncHTTPClient's
    /// default). Off: a refused connection fails in milliseconds and the caller's retry policy decides.
    public var retryConnectionEstablishment: Bool
    /// How long an idle pooled connection is kept.
    public var idleTimeout: Duration
    /// The `User-Agent` sent when a request has none.
    public var userAgent: String?
    /// Where requests may go (set in the sandbox); nil: anywhere.
    public var addressPolicy: AddressPolicy?

    /// A configuration; the defaults suit a run with a concurrency of up to 8.
    public init(connectTimeout: Duration = .seconds(15), maxConnectionsPerHost: Int = 8, maxResponseBytes: Int = 512 << 20,
                maxRedirects: Int = 5, retryConnectionEstablishment: Bool = false, idleTimeout: Duration = .seconds(60),
                userAgent: String? = "limn") {
        self.connectTimeout = connectTimeout
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.maxResponseBytes = maxResponseBytes
        self.maxRedirects = maxRedirects
        self.retryConnectionEstablishment = retryConnectionEstablishment
        self.idleTimeout = idleTimeout
        self.userAgent = userAgent
    }

    /// The defaults with the pool sized for `concurrency` requests in flight (never below the
    /// default 8: connections are opened on demand, so a wider pool costs nothing when idle).
    public static func forConcurrency(_ concurrency: Int) -> LiveTransportConfiguration {
        LiveTransportConfiguration(maxConnectionsPerHost: max(concurrency, 8))
    }
}
