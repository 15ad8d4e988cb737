import Foundation
import LimnRouter

/// What one model answered on one route to the probe's minimal generate: data, never a crash.
public struct ProbeResult: Sendable, Equatable {
    /// The first image that came back.
    public struct ImageInfo: Sendable, Equatable {
        /// `png`, `jpeg`, `webp`, `gif`.
        public var format: String
        /// Pixels.
        public var width: Int
        /// Pixels.
        public var height: Int
        /// Encoded size.
        public var bytes: Int

        /// Image info.
        public init(format: String, width: Int, height: Int, bytes: Int) {
            self.format = format
            self.width = width
            self.height = height
            self.bytes = bytes
        }
    }

    /// The model probed.
    public var model: String
    /// The route it was sent on.
    public var route: Route
    /// HTTP status of the last attempt, when a response arrived.
    public var status: Int?
    /// The error kind when the call failed (`no_image` when it answered without one); nil on success.
    public var errorKind: RouterError.Kind?
    /// The shape the answer came in, when one was classified.
    public var shape: Shape?
    /// Images received.
    public var imageCount: Int
    /// The first image.
    public var image: ImageInfo?
    /// Wall time the probe waited.
    public var latency: Duration
    /// Attempts made, when known.
    public var attempts: Int?
    /// The router's request id, when it gave one.
    public var requestID: String?
    /// The router's message when it failed, or the start of the text when it answered without an image.
    public var message: String?

    /// A result.
    public init(model: String, route: Route, status: Int? = nil, errorKind: RouterError.Kind? = nil, shape: Shape? = nil,
                imageCount: Int = 0, image: ImageInfo? = nil, latency: Duration = .zero, attempts: Int? = nil,
                requestID: String? = nil, message: String? = nil) {
        self.model = model
        self.route = route
        self.status = status
        self.errorKind = errorKind
        self.shape = shape
        self.imageCount = imageCount
        self.image = image
        self.latency = latency
        self.attempts = attempts
        self.requestID = requestID
        self.message = message
    }

    /// Whether at least one image came back.
    public var gotImage: Bool { imageCount > 0 }

    /// `ok` when an image came back, `no_image` when the model answered without one, else the error kind.
    public var outcome: String {
        if let errorKind { return errorKind.rawValue }
        return gotImage ? "ok" : RouterError.Kind.noImage.rawValue
    }

    /// A result from a completed call.
    init(model: String, route: Route, result: CallResult, latency: Duration) {
        let first = result.images.first?.image
        self.init(model: model, route: result.route, status: result.status, shape: result.reply.shape,
                  imageCount: result.images.count,
                  image: first.map { ImageInfo(format: $0.format.rawValue, width: $0.width, height: $0.height, bytes: $0.bytes.count) },
                  latency: latency, attempts: result.attempts, requestID: result.requestID,
                  message: result.images.isEmpty ? Self.snippet(result.reply.text) : nil)
    }

    /// A result from a failed call; a `no_image` error keeps the reply's status and shape.
    init(model: String, route: Route, error: RouterError, latency: Duration) {
        let reply = error.reply
        self.init(model: model, route: error.route ?? reply?.route ?? route, status: error.status ?? reply?.status, errorKind: error.kind,
                  shape: reply?.reply.shape, imageCount: reply?.images.count ?? 0, latency: latency, attempts: reply?.attempts,
                  requestID: error.requestID ?? reply?.requestID, message: Self.snippet(error.message))
    }

    /// The text on one line, at most 200 characters; nil when empty.
    static func snippet(_ text: String) -> String? {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        guard !line.isEmpty else { return nil }
        return line.count > 200 ? String(line.prefix(199)) + "…" : line
    }
}
