import Foundation

/// Limn's recipe (a JSON string) embedded in saved image files without re-encoding pixels.
///
/// PNG carries it in an uncompressed `iTXt` chunk with keyword `limn` right after IHDR; JPEG in
/// an APP1 XMP segment after SOI (and APP0/JFIF); WebP in an `XMP ` chunk of the extended (VP8X)
/// form. In JPEG and WebP the JSON is the text of a `limn:recipe` XMP element. Only Limn's own
/// chunk or segment is ever replaced or removed; other metadata is left alone.
public enum ImageMetadata {
    /// `data` with `json` embedded, replacing any recipe Limn embedded before.
    ///
    /// - Throws: `.unsupported` for GIF or a JPEG recipe over 64 KB, `.corrupt` when `data` is not
    ///   a well-formed `format` file.
    public static func embedding(_ json: String, in data: Data, format: ImageFormat) throws(ImageError) -> Data {
        try embeddingParts(json, in: data, format: format).concatenated
    }

    /// `embedding`'s result as pieces to write one after another: for PNG and JPEG, slices of
    /// `data` around the new chunk or segment, so saving a received image with its recipe does
    /// not copy the image first.
    public static func embeddingParts(_ json: String, in data: Data, format: ImageFormat) throws(ImageError) -> [Data] {
        guard ImageFormat.sniff(data) == format else {
            throw ImageError(.corrupt, "cannot embed metadata: the data is not a \(format.rawValue.uppercased()) file")
        }
        switch format {
        case .png: return try embeddingPNG(json, in: data)
        case .jpeg: return try embeddingJPEG(json, in: data)
        case .webp: return [try embeddingWebP(json, in: data)]
        case .gif: throw ImageError(.unsupported, "GIF files cannot carry Limn's recipe; save as png instead")
        }
    }

    /// The recipe JSON Limn embedded in a PNG, JPEG or WebP file, or nil if there is none.
    public static func read(from data: Data) -> String? {
        switch ImageFormat.sniff(data) {
        case .png: return readPNG(data)
        case .jpeg: return readJPEG(data)
        case .webp: return readWebP(data)
        case .gif, nil: return nil
        }
    }

    /// `data` without Limn's recipe chunk or segment; anything else, or data with no recipe,
    /// comes back unchanged.
    public static func stripping(from data: Data) -> Data {
        switch ImageFormat.sniff(data) {
        case .png: return strippingPNG(data)
        case .jpeg: return strippingJPEG(data)
        case .webp: return strippingWebP(data)
        case .gif, nil: return data
        }
    }
}
