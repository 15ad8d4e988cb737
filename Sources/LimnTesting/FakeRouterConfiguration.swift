import Foundation
import LimnImage

/// How a `FakeRouter` listens and what its images look like.
public struct FakeRouterConfiguration: Sendable {
    /// The address to bind (loopback by default).
    public var bindHost: String
    /// The host written into the URLs the router hands out; a second router advertised as
    /// `localhost` is a different origin from one on `127.0.0.1`, as a CDN would be.
    public var advertisedHost: String?
    /// The port; 0 picks a free one.
    public var port: Int
    /// A fixed delay before every answer on the API routes (not on `/files` downloads).
    public var latency: Duration
    /// Serve every image at this size, whatever the request asks.
    public var imageSize: FakeImageSize?
    /// The size used when neither `imageSize` nor the request (`size`) names one.
    public var defaultImageSize: FakeImageSize
    /// Serve every image in this format, whatever the request asks (`output_format`).
    public var imageFormat: ImageFormat?
    /// Incompressible noise images (about 4 MB as a 1024×1024 PNG). A prompt containing "noise" also gets noise.
    public var noise: Bool
    /// Where image URLs point: another router serving `/files/` (a "CDN"); nil points at this one.
    public var filesBaseURL: URL?
    /// When set, API requests must carry this key (`Authorization: Bearer`, `x-goog-api-key` or `?key=`) or get a 401.
    public var requiredKey: String?
    /// Send bodies with chunked transfer encoding instead of `Content-Length`.
    public var chunked: Bool
    /// Keep every request in `FakeRouter.requests` (a long-running process serving a benchmark turns this off).
    public var recordRequests: Bool

    /// A configuration; the defaults serve small 64×64 images on an ephemeral loopback port.
    public init(bindHost: String = "127.0.0.1", advertisedHost: String? = nil, port: Int = 0, latency: Duration = .zero,
                imageSize: FakeImageSize? = nil, defaultImageSize: FakeImageSize = FakeImageSize(64, 64),
                imageFormat: ImageFormat? = nil, noise: Bool = false, filesBaseURL: URL? = nil, requiredKey: String? = nil,
                chunked: Bool = false, recordRequests: Bool = true) {
        self.bindHost = bindHost
        self.advertisedHost = advertisedHost
        self.port = port
        self.latency = latency
        self.imageSize = imageSize
        self.defaultImageSize = defaultImageSize
        self.imageFormat = imageFormat
        self.noise = noise
        self.filesBaseURL = filesBaseURL
        self.requiredKey = requiredKey
        self.chunked = chunked
        self.recordRequests = recordRequests
    }
}
