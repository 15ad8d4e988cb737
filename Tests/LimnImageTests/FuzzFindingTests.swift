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
}
