import Foundation

/// The format and size an image declares in its first bytes, read without decoding anything.
///
/// Validation checks these against ``ImageLimits`` before a decoder allocates a pixel.
struct ImageHeader: Sendable, Equatable {
    let format: ImageFormat
    let width: Int
    let height: Int

    /// Sniffs `data` and reads the dimensions from the PNG IHDR, the JPEG SOFn segment, the WebP
    /// VP8/VP8L/VP8X chunk or the GIF logical screen descriptor.
    static func read(_ data: Data) throws(ImageError) -> ImageHeader {
        guard let format = ImageFormat.sniff(data) else {
            throw ImageError(.unknownFormat, "not an image: the first bytes are not a PNG, JPEG, WebP or GIF signature")
        }
        let size: Result<(Int, Int), ImageError> = data.withUnsafeBytes { raw in
            Result { () throws(ImageError) -> (Int, Int) in
                switch format {
                case .png: return try pngSize(raw)
                case .jpeg: return try jpegSize(raw)
                case .webp: return try webpSize(raw)
                case .gif: return try gifSize(raw)
                }
            }
        }
        let (width, height) = try size.get()
        guard width > 0, height > 0 else {
            throw ImageError(.corrupt, "\(format.rawValue.uppercased()) header declares an empty \(width)x\(height) image")
        }
        return ImageHeader(format: format, width: width, height: height)
    }

    private static func pngSize(_ p: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        guard p.count >= 24 else { throw ImageError(.truncated, "PNG data is truncated: it ends inside the IHDR header") }
        guard p.be32(at: 12) == 0x4948_4452 else { throw ImageError(.corrupt, "PNG data is corrupt: the first chunk is not IHDR") }
        return (Int(p.be32(at: 16)), Int(p.be32(at: 20)))
    }

    private static func gifSize(_ p: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        guard p.count >= 13 else { throw ImageError(.truncated, "GIF data is truncated: it ends inside the screen descriptor") }
        return (Int(p.le16(at: 6)), Int(p.le16(at: 8)))
    }

    private static func webpSize(_ p: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        guard p.count >= 30 else { throw ImageError(.truncated, "WebP data is truncated: it ends inside the first chunk header") }
        switch p.be32(at: 12) {
        case WebPChunk.vp8x:
            return (Int(p.le24(at: 24)) + 1, Int(p.le24(at: 27)) + 1)
        case WebPChunk.vp8:
            guard p[23] == 0x9D, p[24] == 0x01, p[25] == 0x2A else {
                throw ImageError(.corrupt, "WebP data is corrupt: the VP8 chunk has no key-frame start code")
            }
            return (Int(p.le16(at: 26) & 0x3FFF), Int(p.le16(at: 28) & 0x3FFF))
        case WebPChunk.vp8l:
            guard p[20] == 0x2F else { throw ImageError(.corrupt, "WebP data is corrupt: the VP8L chunk has no signature byte") }
            let bits = p.le32(at: 21)
            return (Int(bits & 0x3FFF) + 1, Int((bits >> 14) & 0x3FFF) + 1)
        default:
            throw ImageError(.corrupt, "WebP data is corrupt: the first chunk is not VP8, VP8L or VP8X")
        }
    }

    /// Walks the marker segments up to the first SOFn (start of frame), which holds the size.
    private static func jpegSize(_ p: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        var i = 2
        while i + 1 < p.count {
            guard p[i] == 0xFF else {
                throw ImageError(.corrupt, "JPEG data is corrupt: expected a marker at byte \(i), found 0x\(String(p[i], radix: 16))")
            }
            let marker = p[i + 1]
            if marker == 0xFF { i += 1; continue }                       // fill byte
            i += 2
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue } // no length field
            if marker == 0xD9 || marker == 0xDA {
                throw ImageError(.corrupt, "JPEG data is corrupt: no frame header (SOF) before \(marker == 0xDA ? "the first scan" : "the end marker")")
            }
            guard i + 2 <= p.count else { break }
            let length = Int(p.be16(at: i))
            guard length >= 2 else { throw ImageError(.corrupt, "JPEG data is corrupt: a segment at byte \(i - 2) has length \(length)") }
            if isStartOfFrame(marker) {
                guard i + 7 <= p.count else { break }
                let height = Int(p.be16(at: i + 3)), width = Int(p.be16(at: i + 5))
                guard height > 0 else {
                    throw ImageError(.unsupported, "JPEG declares its height in a DNL marker, which Limn does not read")
                }
                return (width, height)
            }
            i += length
        }
        throw ImageError(.truncated, "JPEG data is truncated: it ends before the frame header (SOF)")
    }

    /// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }
}
