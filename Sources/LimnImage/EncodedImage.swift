import Foundation

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
    ///
    /// The byte and pixel limits are checked against the header before any decoder allocates;
    /// the decoded pixels are thrown away.
    public init(validating data: Data, limits: ImageLimits = .default) throws(ImageError) {
        try limits.check(byteCount: data.count)
        let header = try ImageHeader.read(data)
        try limits.check(width: header.width, height: header.height)
        let decoded: (width: Int, height: Int)
        switch header.format {
        case .png: decoded = try PNGCodec.validate(data)
        case .jpeg: decoded = try JPEGCodec.validate(data)
        case .webp: decoded = try WebPCodec.validate(data)
        case .gif: decoded = try GIFCodec.validate(data, limits: limits)
        }
        guard decoded == (header.width, header.height) else {
            throw ImageError(.corrupt, "\(header.format.rawValue.uppercased()) data is corrupt: the header says "
                + "\(header.width)x\(header.height) but the image decodes as \(decoded.width)x\(decoded.height)")
        }
        self.init(trusted: data, format: header.format, width: header.width, height: header.height)
    }

    /// Bytes this module has just produced and therefore need no validation.
    init(trusted bytes: Data, format: ImageFormat, width: Int, height: Int) {
        self.bytes = bytes
        self.format = format
        self.width = width
        self.height = height
        self.sha256 = SHA256Digest.hex(bytes)
    }
}
