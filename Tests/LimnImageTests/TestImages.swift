import Foundation
@testable import LimnImage

/// Deterministic pixels and hand-made files for the tests.
enum TestImages {
    /// A smooth colour gradient; with `alpha`, alpha varies too (including fully transparent pixels).
    static func gradient(width: Int, height: Int, alpha: Bool = false) -> PixelBuffer {
        var buffer = PixelBuffer(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                buffer[x, y] = RGBA(UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)),
                                    UInt8((x + y) % 256), alpha ? UInt8((x * 7 + y * 3) % 256) : 255)
            }
        }
        return buffer
    }

    /// Pseudo-random noise (a fixed LCG), which no codec compresses much.
    static func noise(width: Int, height: Int, seed: UInt32 = 1) -> PixelBuffer {
        var state = seed
        let bytes = (0..<(width * height * 4)).map { i -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return i % 4 == 3 ? 255 : UInt8(truncatingIfNeeded: state >> 24)
        }
        return PixelBuffer(width: width, height: height, pixels: bytes)
    }

    static func encoded(_ format: ImageFormat, width: Int = 64, height: Int = 48, quality: Int? = nil) throws -> EncodedImage {
        try EncodedImage.encode(noise(width: width, height: height), as: format, quality: quality)
    }

    /// A GIF89a written by hand: a 4-colour global table and one frame of palette `indices`.
    ///
    /// The LZW stream sends a clear code before every two pixels, so every code stays 3 bits wide
    /// and no string table is needed to write it.
    static func gif(width: Int, height: Int, palette: [RGBA], indices: [UInt8], transparent: UInt8? = nil,
                    screenWidth: Int? = nil, screenHeight: Int? = nil) -> Data {
        precondition(palette.count == 4 && indices.count == width * height && indices.allSatisfy { $0 < 4 })
        var out = Data("GIF89a".utf8)
        out.append(le16(screenWidth ?? width)); out.append(le16(screenHeight ?? height))
        out.append(contentsOf: [0x91, 0, 0])                     // global table of 4, colour resolution 2
        for c in palette { out.append(contentsOf: [c.r, c.g, c.b]) }
        if let transparent { out.append(contentsOf: [0x21, 0xF9, 0x04, 0x01, 0, 0, transparent, 0]) }
        out.append(0x2C); out.append(le16(0)); out.append(le16(0)); out.append(le16(width)); out.append(le16(height))
        out.append(0)                                             // no local table, not interlaced
        out.append(2)                                             // LZW minimum code size
        var codes: [UInt8] = []
        for (i, index) in indices.enumerated() {
            if i % 2 == 0 { codes.append(4) }                     // clear
            codes.append(index)
        }
        codes.append(5)                                           // end of information
        var packed: [UInt8] = []
        var bits = 0, value = 0
        for code in codes {
            value |= Int(code) << bits; bits += 3
            while bits >= 8 { packed.append(UInt8(value & 0xFF)); value >>= 8; bits -= 8 }
        }
        if bits > 0 { packed.append(UInt8(value)) }
        for start in stride(from: 0, to: packed.count, by: 255) {
            let block = packed[start..<min(start + 255, packed.count)]
            out.append(UInt8(block.count)); out.append(contentsOf: block)
        }
        out.append(contentsOf: [0, 0x3B])                         // block terminator, trailer
        return out
    }

    /// A PNG signature and IHDR (correct CRC) claiming any size, with no image data after it.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var ihdr = Data("IHDR".utf8)
        ihdr.append(be32(width)); ihdr.append(be32(height)); ihdr.append(contentsOf: [8, 6, 0, 0, 0])
        var out = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        out.append(be32(13)); out.append(ihdr); out.append(be32(CRC32.checksum(ihdr)))
        return out
    }

    static func le16(_ v: Int) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    static func be32(_ v: UInt32) -> Data { Data([UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]) }

    /// The largest difference between two same-sized buffers in any channel.
    static func maxDifference(_ a: PixelBuffer, _ b: PixelBuffer) -> Int {
        zip(a.pixels, b.pixels).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
    }
}
