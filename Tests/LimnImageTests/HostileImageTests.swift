import CZlib
import Foundation
import Testing
@testable import LimnImage

/// Files built to hurt a decoder: headers claiming gigapixels, data that inflates far past its
/// header, GIFs whose frames add up past the limit. Each is refused with `tooLarge` naming the
/// `limits.*` key, without decoding (a 40 GB allocation here would end the test run).
@Suite struct HostileImageTests {
    /// SOI, a baseline SOF0 for 3 components, EOI: just enough for the header reader.
    static func jpegHeader(width: Int, height: Int) -> Data {
        var out = Data([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08])
        out.append(contentsOf: [UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3])
        for id in 1...3 { out.append(contentsOf: [UInt8(id), 0x11, 0]) }
        out.append(contentsOf: [0xFF, 0xD9])
        return out
    }

    /// RIFF/WEBP with a VP8X chunk declaring a `width`×`height` canvas and nothing else.
    static func webpVP8X(width: Int, height: Int) -> Data {
        var chunk = Data("VP8X".utf8)
        chunk.append(contentsOf: [10, 0, 0, 0, 0, 0, 0, 0])
        for v in [width - 1, height - 1] { chunk.append(contentsOf: [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF)]) }
        var out = Data("RIFF".utf8)
        let size = UInt32(4 + chunk.count)
        out.append(contentsOf: [UInt8(size & 0xFF), UInt8((size >> 8) & 0xFF), UInt8((size >> 16) & 0xFF), UInt8(size >> 24)])
        out.append(Data("WEBP".utf8)); out.append(chunk)
        return out
    }

    static func expectRefused(_ data: Data, limits: ImageLimits = .default, naming text: String) {
        do {
            let image = try EncodedImage(validating: data, limits: limits)
            Issue.record("a hostile image validated as \(image.width)x\(image.height)")
        } catch {
            #expect(error.kind == .tooLarge, "\(error)")
            #expect(error.message.contains(text), "\(error.message)")
            #expect(error.message.contains("limits.pixels"), "\(error.message)")
        }
    }

    @Test func headersClaimingGigapixelsAreRefusedBeforeDecoding() {
        Self.expectRefused(TestImages.pngHeader(width: 100_000, height: 100_000), naming: "100000x100000")
        Self.expectRefused(Self.jpegHeader(width: 60_000, height: 60_000), naming: "60000x60000")
        Self.expectRefused(Self.webpVP8X(width: 100_000, height: 100_000), naming: "100000x100000")
        let gif = TestImages.gif(width: 2, height: 1, palette: [.black, .white, .black, .white], indices: [0, 1],
                                 screenWidth: 60_000, screenHeight: 60_000)
        Self.expectRefused(gif, naming: "60000x60000")
        // A PNG header whose width × height overflows Int32 arithmetic in naive readers.
        Self.expectRefused(TestImages.pngHeader(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF), naming: "2147483647x2147483647")
    }

    @Test func gifFramesThatAddUpPastTheLimitAreRefused() throws {
        // One 10×10 frame repeated 50 times: each frame is within 100 pixels, all of them are 50 × 100.
        let one = TestImages.gif(width: 10, height: 10, palette: [.black, .white, .black, .white],
                                 indices: (0..<100).map { UInt8($0 % 4) })
        let frameStart = 13 + 12
        let frame = one[frameStart..<one.count - 1]
        var many = one[..<frameStart]
        for _ in 0..<50 { many.append(frame) }
        many.append(0x3B)
        let limits = ImageLimits(maxPixels: 100, maxBytes: 1 << 20)
        #expect(try EncodedImage(validating: one, limits: limits).width == 10)
        Self.expectRefused(Data(many), limits: limits, naming: "in all")
    }

    @Test func pngWhoseDataInflatesFarPastItsHeaderIsNotInflated() throws {
        // A 64×64 grey PNG whose IDAT inflates to 64 MB: libpng must stop after the 64 rows the
        // header promises (a "zip bomb" costs nothing), and the file must not validate as more.
        let width = 64, height = 64
        var raw = Data(count: 64 << 20)
        raw.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = Data(count: Int(compressedSize))
        let status = compressed.withUnsafeMutableBytes { out in
            raw.withUnsafeBytes { input in
                compress2(out.bindMemory(to: Bytef.self).baseAddress, &compressedSize,
                          input.bindMemory(to: Bytef.self).baseAddress, uLong(raw.count), 9)
            }
        }
        #expect(status == Z_OK)
        compressed.count = Int(compressedSize)
        #expect(compressed.count < 100_000, "the bomb should be small: \(compressed.count) bytes")

        var png = TestImages.pngHeader(width: UInt32(width), height: UInt32(height))
        png.replaceSubrange(8 + 8 + 8..<8 + 8 + 8 + 5, with: [8, 0, 0, 0, 0])   // 8-bit greyscale
        let ihdr = png[12..<12 + 17]
        png.replaceSubrange(29..<33, with: TestImages.be32(CRC32.checksum(Data(ihdr))))
        var idat = Data("IDAT".utf8); idat.append(compressed)
        png.append(TestImages.be32(UInt32(compressed.count))); png.append(idat); png.append(TestImages.be32(CRC32.checksum(idat)))
        let iend = Data("IEND".utf8)
        png.append(TestImages.be32(0)); png.append(iend); png.append(TestImages.be32(CRC32.checksum(iend)))

        do {
            let image = try EncodedImage(validating: png)
            #expect(image.width == width && image.height == height)
        } catch {
            #expect([.corrupt, .truncated].contains(error.kind), "\(error)")
        }
    }
}
