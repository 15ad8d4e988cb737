import Foundation
import Testing
@testable import LimnImage

/// Validation checks the CRC of IHDR, PLTE and every IDAT itself (libdeflate's CRC-32) and
/// leaves ancillary chunks to libpng. With Adler-32 off, the CRC is what catches a byte changed
/// on the way inside stored (uncompressed) image data, where inflate itself cannot notice.
@Suite struct PNGChunkCRCTests {
    /// A 64×48 PNG whose image data is stored, so any byte of the pixels can change and still
    /// inflate.
    static func storedPNG() throws -> Data {
        var pixels = PixelBuffer(width: 64, height: 48)
        for i in pixels.pixels.indices { pixels.pixels[i] = UInt8(truncatingIfNeeded: i &* 31) }
        return try StoredPNGWriter.encode(pixels)
    }

    static func chunk(_ data: Data, named type: String) -> PNGChunk {
        let code = type.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return data.withUnsafeBytes { PNGChunk.walk($0).chunks }.first { $0.type == code }!
    }

    @Test func storedImageValidates() throws {
        let image = try EncodedImage(validating: Self.storedPNG())
        #expect(image.width == 64 && image.height == 48)
    }

    @Test func changedPixelByteInStoredDataIsCorrupt() throws {
        var data = try Self.storedPNG()
        let idat = Self.chunk(data, named: "IDAT")
        // Well inside the stored block: a pixel byte, not a block header or filter byte.
        let at = idat.data.lowerBound + idat.length / 2 + 1
        data[at] ^= 0x40
        #expect(throws: ImageError(.corrupt, "PNG data is corrupt: libpng said 'IDAT: CRC error'")) {
            try EncodedImage(validating: data)
        }
    }

    @Test func changedHeaderByteIsCorrupt() throws {
        var data = try Self.storedPNG()
        let ihdr = Self.chunk(data, named: "IHDR")
        data[ihdr.data.lowerBound + 3] = 65 // width 64 becomes 65, the CRC still says 64
        #expect(throws: ImageError(.corrupt, "PNG data is corrupt: libpng said 'IHDR: CRC error'")) {
            try EncodedImage(validating: data)
        }
    }

    @Test func damagedAncillaryChunkIsDroppedNotFatal() throws {
        let data = try Self.storedPNG()
        let ihdr = Self.chunk(data, named: "IHDR")
        var text = PNGChunk.make(type: 0x7445_5874, payload: Data("Comment\u{0}made by a router".utf8)) // tEXt
        text[text.count - 1] ^= 0xFF
        var damaged = data
        damaged.insert(contentsOf: text, at: ihdr.range.upperBound)
        let image = try EncodedImage(validating: damaged)
        #expect(image.width == 64 && image.height == 48)
    }

    @Test func cutInsideImageDataIsTruncated() throws {
        let data = try Self.storedPNG()
        let idat = Self.chunk(data, named: "IDAT")
        do {
            _ = try EncodedImage(validating: data.prefix(idat.data.lowerBound + idat.length / 2))
            Issue.record("a PNG cut inside its image data validated")
        } catch {
            #expect(error.kind == .truncated, "\(error)")
        }
    }
}
