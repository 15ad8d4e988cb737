import Foundation
import Testing
@testable import LimnImage

/// Inputs that scripts/fuzz.sh found, kept so they stay fixed.
@Suite struct ImageFuzzFindingTests {
    /// FuzzGIF: a first frame whose left edge lies past the logical screen trapped while forming
    /// the range of columns to draw (`max(0, x)..<min(width, x + w)` the wrong way round).
    @Test func aFrameOffTheScreenDrawsNothing() throws {
        var gif = TestImages.gif(width: 2, height: 1, palette: [.init(255, 0, 0), .init(0, 255, 0), .init(0, 0, 255), .init(9, 9, 9)],
                                 indices: [1, 2], screenWidth: 3, screenHeight: 2)
        let descriptor = try #require(gif.firstIndex(of: 0x2C))
        gif[descriptor + 1] = 0x00; gif[descriptor + 2] = 0xFF             // left = 65280
        let image = try EncodedImage(validating: gif)
        let pixels = try image.decode()
        #expect(pixels.width == 3 && pixels.height == 2)
        #expect(pixels.pixels.allSatisfy { $0 == 0 })
    }

    /// FuzzGIF: a GIF with neither a global nor a local colour table passed validation, and
    /// decoding it then failed.
    @Test func aGIFWithoutAColourTableIsRefusedAtValidation() {
        let bytes: [UInt8] = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
                              0x2C, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x02, 0x00, 0x00,
                              0x02, 0x04, 0x8C, 0xB8, 0x50, 0x2B, 0x00, 0x3B]
        #expect { try EncodedImage(validating: Data(bytes)) } throws: { error in
            (error as? ImageError)?.kind == .corrupt && "\(error)".contains("no colour table")
        }
    }
}
