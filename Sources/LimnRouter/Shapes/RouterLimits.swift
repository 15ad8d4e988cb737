import LimnImage

/// Limits checked before anything large is allocated (DESIGN §7). Each has a `[limits]` key in
/// limn.toml; a refusal is a `limit` error naming the key, the limit and the value seen.
public struct RouterLimits: Sendable, Equatable {
    /// Largest response body accepted (transports enforce it while receiving). `limits.response_size`.
    public var maxResponseBytes: Int
    /// Longest base64 string decoded as an image (checked before decoding). `limits.base64_length`.
    public var maxBase64Length: Int
    /// Largest image download. `limits.download_size`.
    public var maxDownloadBytes: Int
    /// Deepest nesting of arrays and objects in a JSON answer. `limits.json_depth`.
    public var maxJSONDepth: Int
    /// Most images one answer may carry. `limits.images_per_answer`.
    public var maxImagesPerAnswer: Int
    /// Limits each received image is validated against (`limits.pixels`, `limits.image_size`).
    public var image: ImageLimits

    /// 512 MB responses, 400 M base64 characters (about 300 MB of image), 256 MB downloads,
    /// JSON 512 levels deep, 64 images an answer.
    public static let `default` = RouterLimits(maxResponseBytes: 512 << 20, maxBase64Length: 400 << 20,
                                              maxDownloadBytes: 256 << 20, image: .default)

    /// Limits.
    public init(maxResponseBytes: Int, maxBase64Length: Int, maxDownloadBytes: Int, maxJSONDepth: Int = 512,
                maxImagesPerAnswer: Int = 64, image: ImageLimits = .default) {
        self.maxResponseBytes = maxResponseBytes
        self.maxBase64Length = maxBase64Length
        self.maxDownloadBytes = maxDownloadBytes
        self.maxJSONDepth = maxJSONDepth
        self.maxImagesPerAnswer = maxImagesPerAnswer
        self.image = image
    }

    /// Throws `limit` when an answer holds more than `maxImagesPerAnswer` images.
    func checkImageCount(_ count: Int) throws(RouterError) {
        guard count <= maxImagesPerAnswer else {
            throw Self.exceeded("the answer holds \(count) images", key: "images_per_answer", limit: maxImagesPerAnswer)
        }
    }

    /// A `limit` error: `what` (a sentence naming the value seen) is over `key` (a `[limits]` key) = `limit`.
    static func exceeded(_ what: String, key: String, limit: Int, bytes: Bool = false) -> RouterError {
        let shown = bytes ? Quantity.describe(bytes: limit) : String(limit)
        return RouterError(.limit, "\(what), over the limit limits.\(key) = \(shown); raise it in limn.toml's [limits] if the router is trusted")
    }
}
