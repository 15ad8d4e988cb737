/// Limits checked before any large allocation: against the header, before a decoder allocates.
/// Messages name the `[limits]` key of limn.toml that raises them.
public struct ImageLimits: Sendable, Equatable {
    /// Largest pixel count accepted (width × height).
    public var maxPixels: Int
    /// Largest byte count accepted.
    public var maxBytes: Int
    /// 64 megapixels, 256 MB.
    public static let `default` = ImageLimits(maxPixels: 64_000_000, maxBytes: 256 << 20)
    /// Limits.
    public init(maxPixels: Int, maxBytes: Int) { self.maxPixels = maxPixels; self.maxBytes = maxBytes }

    /// Throws `.tooLarge` if `byteCount` exceeds `maxBytes`.
    func check(byteCount: Int) throws(ImageError) {
        guard byteCount <= maxBytes else {
            throw ImageError(.tooLarge, "image data is \(byteCount) bytes, more than the limit of \(maxBytes) (limits.image_size)")
        }
    }

    /// Throws `.tooLarge` if a `width`×`height` image exceeds `maxPixels`.
    func check(width: Int, height: Int, what: String = "image") throws(ImageError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixels else {
            throw ImageError(.tooLarge, "\(what) is \(width)x\(height) pixels, more than the limit of \(maxPixels) pixels (limits.pixels)")
        }
    }
}
