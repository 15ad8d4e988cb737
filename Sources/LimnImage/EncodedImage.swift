import Foundation

// CONTRACT STUB — the images helper replaces this file with the real implementation
// (full validation by decoding, sha256 via libcrypto). The public API below is fixed.

/// An image as bytes in a known format, validated: the unit Limn passes around.
public struct EncodedImage: Sendable, Hashable {
    /// The bytes exactly as received or encoded.
    public let bytes: Data
    /// The sniffed format.
    public let format: ImageFormat
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Lowercase hex SHA-256 of `bytes`.
    public let sha256: String

    /// Validates `data`: sniffs the format, reads the dimensions, decodes fully to catch truncation
    /// and corruption, and checks `limits`.
    public init(validating data: Data, limits: ImageLimits = .default) throws(ImageError) {
        guard let f = ImageFormat.sniff(data) else { throw ImageError(.unknownFormat, "not an image (unrecognised leading bytes)") }
        bytes = data; format = f; width = 0; height = 0; sha256 = ""
    }
}

/// Limits checked before any large allocation.
public struct ImageLimits: Sendable, Equatable {
    /// Largest pixel count accepted (width × height).
    public var maxPixels: Int
    /// Largest byte count accepted.
    public var maxBytes: Int
    /// 64 megapixels, 256 MB.
    public static let `default` = ImageLimits(maxPixels: 64_000_000, maxBytes: 256 << 20)
    /// Limits.
    public init(maxPixels: Int, maxBytes: Int) { self.maxPixels = maxPixels; self.maxBytes = maxBytes }
}

/// An image that could not be read or written.
public struct ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable { case unknownFormat, truncated, corrupt, tooLarge, unsupported, encode }
    /// The kind.
    public var kind: Kind
    /// One line saying what happened.
    public var message: String
    /// An error.
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}
