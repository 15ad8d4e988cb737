import CDeflate
import CZlib
import Foundation

/// Writes RGBA8 pixels as a PNG whose image data is stored, not compressed (deflate level 0).
///
/// For big images that would not compress anyway (noise for load tests): libpng's fastest
/// setting still searches for matches, about a second for 2048×2048; this is a copy plus
/// the checksums. The file is a standard PNG any decoder reads.
enum StoredPNGWriter {
    static func encode(_ pixels: PixelBuffer) throws(ImageError) -> Data {
        let rowBytes = pixels.width * 4
        let rawCount = pixels.height * (rowBytes + 1)
        var raw = [UInt8](repeating: 0, count: rawCount)
        raw.withUnsafeMutableBufferPointer { dst in
            pixels.pixels.withUnsafeBufferPointer { src in
                guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                for y in 0..<pixels.height {
                    // filter byte 0 (None), then the row as it is
                    (d + y * (rowBytes + 1) + 1).update(from: s + y * rowBytes, count: rowBytes)
                }
            }
        }
        var zlibCount = compressBound(uLong(rawCount))
        var zlibData = [UInt8](repeating: 0, count: Int(zlibCount))
        let status = zlibData.withUnsafeMutableBufferPointer { dst in
            raw.withUnsafeBufferPointer { src in compress2(dst.baseAddress, &zlibCount, src.baseAddress, uLong(rawCount), 0) }
        }
        guard status == Z_OK else { throw ImageError(.encode, "PNG: zlib could not store the image data (status \(status))") }

        var out = Data(capacity: Int(zlibCount) + 128)
        out.append(contentsOf: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr = [UInt8]()
        ihdr.append(contentsOf: bigEndian(UInt32(pixels.width)))
        ihdr.append(contentsOf: bigEndian(UInt32(pixels.height)))
        ihdr.append(contentsOf: [8, 6, 0, 0, 0]) // 8-bit RGBA, deflate, no filter method, no interlace
        appendChunk("IHDR", ihdr[...], to: &out)
        let chunkSize = 1 << 20
        var offset = 0
        while offset < Int(zlibCount) {
            let end = min(offset + chunkSize, Int(zlibCount))
            appendChunk("IDAT", zlibData[offset..<end], to: &out)
            offset = end
        }
        appendChunk("IEND", [][...], to: &out)
        return out
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    private static func appendChunk(_ type: String, _ body: ArraySlice<UInt8>, to out: inout Data) {
        out.append(contentsOf: bigEndian(UInt32(body.count)))
        let typeBytes = Array(type.utf8)
        out.append(contentsOf: typeBytes)
        out.append(contentsOf: body)
        var crc = libdeflate_crc32(0, typeBytes, 4)
        body.withUnsafeBufferPointer { crc = libdeflate_crc32(crc, $0.baseAddress, $0.count) }
        out.append(contentsOf: bigEndian(UInt32(crc)))
    }
}
