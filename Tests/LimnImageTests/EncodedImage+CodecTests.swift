import Foundation
import Testing
@testable import LimnImage

@Suite struct EncodedImageCodecTests {
    @Test func pngRoundTripIsPixelIdentical() throws {
        let pixels = TestImages.gradient(width: 61, height: 33, alpha: true)
        for fast in [false, true] {
            let png = try EncodedImage.encode(pixels, as: .png, fast: fast)
            let validated = try EncodedImage(validating: png.bytes)
            #expect(validated == png)
            #expect(try validated.decode() == pixels)
        }
    }

    @Test func fastPNGIsQuickerToMakeButBigger() throws {
        let pixels = TestImages.gradient(width: 256, height: 256)
        let small = try EncodedImage.encode(pixels, as: .png)
        let fast = try EncodedImage.encode(pixels, as: .png, fast: true)
        #expect(fast.bytes.count >= small.bytes.count)
        #expect(try fast.decode() == small.decode())
    }

    @Test func pngOfIncompressibleNoiseFitsTheOnePassBuffer() throws {
        let noise = TestImages.noise(width: 300, height: 200)
        let png = try EncodedImage.encode(noise, as: .png)
        #expect(try EncodedImage(validating: png.bytes).decode() == noise)
    }

    @Test func jpegRoundTripIsClose() throws {
        let pixels = TestImages.gradient(width: 64, height: 64)
        let jpeg = try EncodedImage.encode(pixels, as: .jpeg)
        let validated = try EncodedImage(validating: jpeg.bytes)
        #expect(validated.format == .jpeg && validated.width == 64 && validated.height == 64)
        let decoded = try validated.decode()
        #expect(decoded.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
        #expect(TestImages.maxDifference(decoded, pixels) <= 24)
        let meanError = Double(zip(decoded.pixels, pixels.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(pixels.pixels.count)
        #expect(meanError < 2)
    }

    @Test func jpegQualityChangesSize() throws {
        let pixels = TestImages.noise(width: 64, height: 64)
        let low = try EncodedImage.encode(pixels, as: .jpeg, quality: 20)
        let high = try EncodedImage.encode(pixels, as: .jpeg, quality: 95)
        #expect(low.bytes.count < high.bytes.count)
    }

    @Test func jpegFlattensAlphaOntoWhite() throws {
        var pixels = PixelBuffer(width: 16, height: 16, fill: RGBA(0, 0, 0, 0))
        pixels[0, 0] = RGBA(0, 0, 0, 255)
        let decoded = try EncodedImage.encode(pixels, as: .jpeg, quality: 100).decode()
        #expect(decoded[15, 15].r > 245 && decoded[15, 15].g > 245 && decoded[15, 15].b > 245)
        #expect(decoded[8, 8].a == 255)
    }

    @Test func losslessWebPRoundTripIsPixelIdentical() throws {
        let pixels = TestImages.gradient(width: 45, height: 30, alpha: true)
        let webp = try EncodedImage.encode(pixels, as: .webp, quality: 100)
        let validated = try EncodedImage(validating: webp.bytes)
        #expect(validated.format == .webp && validated.width == 45 && validated.height == 30)
        #expect(try validated.decode() == pixels)
    }

    @Test func lossyWebPRoundTripIsClose() throws {
        let pixels = TestImages.gradient(width: 64, height: 64)
        let webp = try EncodedImage.encode(pixels, as: .webp)
        let decoded = try EncodedImage(validating: webp.bytes).decode()
        #expect(decoded.width == 64 && decoded.height == 64)
        #expect(TestImages.maxDifference(decoded, pixels) <= 32)
        #expect(try EncodedImage.encode(pixels, as: .webp, quality: 100).bytes != webp.bytes)
    }

    @Test func gifDecodesFirstFrameWithTransparency() throws {
        let red = RGBA(255, 0, 0), blue = RGBA(0, 0, 255)
        let gif = TestImages.gif(width: 3, height: 2, palette: [.black, red, blue, .white],
                                 indices: [0, 1, 2, 3, 2, 1], transparent: 3)
        let pixels = try EncodedImage(validating: gif).decode()
        #expect(pixels.width == 3 && pixels.height == 2)
        #expect([pixels[0, 0], pixels[1, 0], pixels[2, 0]] == [.black, red, blue])
        #expect([pixels[0, 1], pixels[1, 1], pixels[2, 1]] == [.clear, blue, red])
    }

    @Test func gifFrameSmallerThanScreenSitsOnTransparentCanvas() throws {
        let gif = TestImages.gif(width: 2, height: 1, palette: [.white, .black, .white, .black], indices: [0, 1],
                                 screenWidth: 4, screenHeight: 3)
        let pixels = try EncodedImage(validating: gif).decode()
        #expect(pixels.width == 4 && pixels.height == 3)
        #expect(pixels[0, 0] == .white && pixels[1, 0] == .black && pixels[2, 0] == .clear && pixels[3, 2] == .clear)
    }

    @Test func gifCannotBeWritten() throws {
        do {
            _ = try EncodedImage.encode(TestImages.gradient(width: 4, height: 4), as: .gif)
            Issue.record("GIF encoded")
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.message.contains("png"))
        }
    }

    @Test func qualityOutOfRangeIsRejected() {
        for quality in [0, 101, -5] {
            #expect(throws: ImageError(.encode, "quality must be between 1 and 100, not \(quality)")) {
                try EncodedImage.encode(TestImages.gradient(width: 4, height: 4), as: .jpeg, quality: quality)
            }
        }
    }

    @Test func convertedKeepsSelfForSameFormatAndReencodesOtherwise() throws {
        let png = try EncodedImage.encode(TestImages.gradient(width: 20, height: 10, alpha: true), as: .png)
        #expect(try png.converted(to: .png) == png)
        let webp = try png.converted(to: .webp, quality: 100)
        #expect(webp.format == .webp && webp.width == 20 && webp.height == 10)
        #expect(try webp.decode() == png.decode())
        let jpeg = try png.converted(to: .jpeg)
        #expect(jpeg.format == .jpeg)
        #expect(try EncodedImage(validating: jpeg.bytes).sha256 == jpeg.sha256)
        let reencoded = try jpeg.converted(to: .jpeg, quality: 30)
        #expect(reencoded.bytes != jpeg.bytes)
    }

    @Test func dataURIAndMime() throws {
        let gif = TestImages.gif(width: 1, height: 1, palette: [.black, .white, .black, .white], indices: [1])
        let image = try EncodedImage(validating: gif)
        #expect(image.mime == "image/gif")
        #expect(image.dataURI == "data:image/gif;base64," + gif.base64EncodedString())
        let png = try TestImages.encoded(.png)
        #expect(png.dataURI.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
        #expect(png.mime == "image/png")
    }
}
