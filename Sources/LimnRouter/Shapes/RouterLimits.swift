import LimnImage

/// Limits checked before anything large is allocated (DESIGN §7).
public struct RouterLimits: Sendable, Equatable {
    /// Largest response body accepted (transports should enforce it while receiving).
    public var maxResponseBytes: Int
    /// Longest base64 string decoded as an image (checked before decoding).
    public var maxBase64Length: Int
    /// Largest image download.
    public var maxDownloadBytes: Int
    /// Limits each received image is validated against.
    public var image: ImageLimits

    /// 512 MB responses, 400 M base64 characters (about 300 MB of image), 256 MB downloads.
    public static let `default` = RouterLimits(maxResponseBytes: 512 << 20, maxBase64Length: 400 << 20,
                                              maxDownloadBytes: 256 << 20, image: .default)

    /// Limits.
    public init(maxResponseBytes: Int, maxBase64Length: Int, maxDownloadBytes: Int, image: ImageLimits = .default) {
        self.maxResponseBytes = maxResponseBytes
        self.maxBase64Length = maxBase64Length
        self.maxDownloadBytes = maxDownloadBytes
        self.image = image
    }
}
