import Foundation

extension EncodedImage {
    /// The default quality for lossy JPEG and WebP.
    public static let defaultQuality = 90

    /// Decodes to RGBA8 pixels (for a GIF, the first frame on its logical screen).
    public func decode() throws(ImageError) -> PixelBuffer {
        switch format {
        case .png: return try PNGCodec.decode(bytes)
        case .jpeg: return try JPEGCodec.decode(bytes)
        case .webp: return try WebPCodec.decode(bytes)
        case .gif: return try GIFCodec.decode(bytes)
        }
    }

    /// Encodes `pixels` as `format`.
    ///
    /// - Parameters:
    ///   - quality: 1–100 for JPEG and WebP (default 90); WebP at 100 is lossless. PNG ignores it.
    ///   - fast: PNG only: store the data uncompressed — instant, and no larger for noise-like images.
    /// - Throws: `.unsupported` for GIF, `.encode` for a quality out of range or a codec failure.
    public static func encode(
        _ pixels: PixelBuffer, as format: ImageFormat, quality: Int? = nil, fast: Bool = false
    ) throws(ImageError) -> EncodedImage {
        let q = quality ?? defaultQuality
        guard (1...100).contains(q) else {
            throw ImageError(.encode, "quality must be between 1 and 100, not \(q)")
        }
        let bytes: Data
        switch format {
        case .png: bytes = try PNGCodec.encode(pixels, fast: fast)
        case .jpeg: bytes = try JPEGCodec.encode(pixels, quality: q)
        case .webp: bytes = try WebPCodec.encode(pixels, quality: q)
        case .gif: throw ImageError(.unsupported, "Limn cannot write GIF files; save as png instead")
        }
        return EncodedImage(trusted: bytes, format: format, width: pixels.width, height: pixels.height)
    }

    /// This image re-encoded as `format`; the same format with no quality given returns `self` unchanged.
    public func converted(to format: ImageFormat, quality: Int? = nil) throws(ImageError) -> EncodedImage {
        if format == self.format && quality == nil { return self }
        return try EncodedImage.encode(decode(), as: format, quality: quality)
    }

    /// The MIME type (`image/png`, …).
    public var mime: String { format.mime }

    /// The image as a `data:` URI (`data:image/png;base64,…`), as chat routes take input images.
    public var dataURI: String { "data:\(mime);base64,\(bytes.base64EncodedString())" }
}
